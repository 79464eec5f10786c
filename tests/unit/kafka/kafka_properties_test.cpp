// The exact librdkafka properties for every protocol x mechanism combination.
#include "kafka/kafka_properties.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "base/base64.h"

namespace sluice::kafka {
namespace {

// Records what would be written and returns a predictable path.
class FakeSecretFiles final : public SecretFiles {
 public:
  Result<std::string> write(std::string_view name, std::string_view content) override {
    const std::string path = "/secrets/" + std::string(name);
    written[path] = std::string(content);
    return path;
  }
  std::map<std::string, std::string> written;
};

const char* const kCa = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
const char* const kCert = "-----BEGIN CERTIFICATE-----\nME\n-----END CERTIFICATE-----\n";
const char* const kKey = "-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n";

config::KafkaConnection connection(const std::string& protocol, const std::string& mechanism) {
  config::KafkaConnection c;
  c.brokers = {"b1:9092", "b2:9092"};
  c.protocol = protocol;
  c.mechanism = mechanism;
  if (mechanism == "GSSAPI") {
    c.username = "etl";
    c.kerberos_service_name = "kafka";
    c.kerberos_realm = "EXAMPLE.COM";
    c.kerberos_keytab = base64_encode("KEYTAB-BYTES");
    c.kerberos_config = "[libdefaults]\n default_realm = EXAMPLE.COM\n";
  } else if (mechanism != "NO_AUTH") {
    c.username = "user";
    c.password = "pass";
  }
  return c;
}

Properties sasl_part(const std::string& mechanism) {
  if (mechanism == "NO_AUTH") return {};
  if (mechanism == "GSSAPI") {
    const std::string env = "KRB5_CONFIG='/secrets/krb5.conf' ";
    return {{"sasl.mechanisms", "GSSAPI"},
            {"sasl.kerberos.service.name", "kafka"},
            {"sasl.kerberos.principal", "etl@EXAMPLE.COM"},
            {"sasl.kerberos.keytab", "/secrets/client.keytab"},
            {"sasl.kerberos.kinit.cmd",
             env + "kinit -R -t \"%{sasl.kerberos.keytab}\" -k %{sasl.kerberos.principal} || " +
                 env + "kinit -t \"%{sasl.kerberos.keytab}\" -k %{sasl.kerberos.principal}"},
            {"sluice.krb5.config", "/secrets/krb5.conf"}};
  }
  return {{"sasl.mechanisms", mechanism}, {"sasl.username", "user"}, {"sasl.password", "pass"}};
}

class SecurityMatrix : public testing::TestWithParam<std::tuple<std::string, std::string, bool>> {};

TEST_P(SecurityMatrix, ExactProperties) {
  const auto& [protocol, mechanism, with_tls_options] = GetParam();
  config::KafkaConnection c = connection(protocol, mechanism);
  const bool tls = protocol == "SSL" || protocol == "SASL_SSL";
  if (with_tls_options) {
    c.root_ca = kCa;
    c.skip_tls_verification = true;
    c.client_cert = kCert;
    c.client_key = kKey;
  }
  FakeSecretFiles files;
  auto actual = security_properties(c, files);
  ASSERT_TRUE(actual.ok()) << actual.error().message();

  Properties expected = {{"security.protocol", protocol}};
  for (const auto& kv : sasl_part(mechanism)) expected.push_back(kv);
  if (tls && with_tls_options) {
    expected.emplace_back("ssl.ca.pem", kCa);
    expected.emplace_back("enable.ssl.certificate.verification", "false");
    expected.emplace_back("ssl.endpoint.identification.algorithm", "none");
    expected.emplace_back("ssl.certificate.pem", kCert);
    expected.emplace_back("ssl.key.pem", kKey);
  }
  EXPECT_EQ(actual.value(), expected);
  if (mechanism == "GSSAPI") {
    EXPECT_EQ(files.written.at("/secrets/client.keytab"), "KEYTAB-BYTES");
    EXPECT_EQ(files.written.at("/secrets/krb5.conf"), c.kerberos_config);
  } else {
    EXPECT_TRUE(files.written.empty());
  }
}

std::string matrix_name(
    const testing::TestParamInfo<std::tuple<std::string, std::string, bool>>& info) {
  std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param) +
                     (std::get<2>(info.param) ? "_tls_options" : "");
  for (char& ch : name) {
    if (ch == '-') ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllCombinations, SecurityMatrix,
                         testing::Combine(testing::Values("PLAINTEXT", "SASL_PLAINTEXT", "SSL",
                                                          "SASL_SSL"),
                                          testing::Values("NO_AUTH", "PLAIN", "SCRAM-SHA-256",
                                                          "SCRAM-SHA-512", "GSSAPI"),
                                          testing::Bool()),
                         matrix_name);

TEST(SecurityProperties, ConfluentCloudSaslSslPlain) {
  config::KafkaConnection c = connection("SASL_SSL", "PLAIN");
  FakeSecretFiles files;
  auto actual = security_properties(c, files);
  ASSERT_TRUE(actual.ok());
  EXPECT_EQ(actual.value(), (Properties{{"security.protocol", "SASL_SSL"},
                                        {"sasl.mechanisms", "PLAIN"},
                                        {"sasl.username", "user"},
                                        {"sasl.password", "pass"}}));
}

TEST(SecurityProperties, GssapiPrincipalWithRealmIsKeptAndKeytabPathIsUsedAsIs) {
  config::KafkaConnection c = connection("SASL_PLAINTEXT", "GSSAPI");
  c.username = "svc/host@OTHER.REALM";
  const std::string keytab = std::string(SLUICE_BINARY_DIR) + "/i3-test.keytab";
  std::ofstream(keytab) << "bytes";
  c.kerberos_keytab = keytab;
  c.kerberos_config.clear();
  FakeSecretFiles files;
  auto actual = security_properties(c, files);
  ASSERT_TRUE(actual.ok());
  EXPECT_EQ(actual.value(), (Properties{{"security.protocol", "SASL_PLAINTEXT"},
                                        {"sasl.mechanisms", "GSSAPI"},
                                        {"sasl.kerberos.service.name", "kafka"},
                                        {"sasl.kerberos.principal", "svc/host@OTHER.REALM"},
                                        {"sasl.kerberos.keytab", keytab}}));
  EXPECT_TRUE(files.written.empty());
  std::remove(keytab.c_str());
}

TEST(SecurityProperties, BadKeytabIsAClearError) {
  config::KafkaConnection c = connection("SASL_PLAINTEXT", "GSSAPI");
  c.kerberos_keytab = "/no/such/keytab ???";
  FakeSecretFiles files;
  auto actual = security_properties(c, files);
  ASSERT_FALSE(actual.ok());
  EXPECT_NE(actual.error().message().find("kerberos_keytab"), std::string::npos);
}

TEST(SecretFiles, PrivateFilesAreOwnerOnly) {
  auto path = process_secret_files().write("test.keytab", "secret");
  ASSERT_TRUE(path.ok()) << path.error().message();
  struct stat st {};
  ASSERT_EQ(::stat(path.value().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path.value());
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "secret");
  const std::string dir = path.value().substr(0, path.value().rfind('/'));
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(ConsumerProperties, BaseThenSecurityThenExtrasThenOverrides) {
  config::Pipeline pipeline;
  pipeline.pipeline_id = "orders-sync";
  config::KafkaSource source;
  source.connection = connection("SASL_SSL", "SCRAM-SHA-512");
  source.initial_offset = config::InitialOffset::Earliest;
  source.connection.librdkafka = {{"session.timeout.ms", "6000"}, {"fetch.max.bytes", "1000"}};
  auto actual = consumer_properties(pipeline, source, {{"session.timeout.ms", "7000"}});
  ASSERT_TRUE(actual.ok());
  EXPECT_EQ(actual.value(), (Properties{{"bootstrap.servers", "b1:9092,b2:9092"},
                                        {"group.id", "sluice-orders-sync"},
                                        {"client.id", "sluice-orders-sync"},
                                        {"enable.auto.commit", "false"},
                                        {"enable.auto.offset.store", "false"},
                                        {"auto.offset.reset", "earliest"},
                                        {"enable.partition.eof", "false"},
                                        {"fetch.max.bytes", "1000"},
                                        {"max.partition.fetch.bytes", "1048576"},
                                        {"queued.max.messages.kbytes", "65536"},
                                        {"security.protocol", "SASL_SSL"},
                                        {"sasl.mechanisms", "SCRAM-SHA-512"},
                                        {"sasl.username", "user"},
                                        {"sasl.password", "pass"},
                                        {"session.timeout.ms", "7000"}}));
}

TEST(ConsumerProperties, GssapiSetsKrb5ConfigAndHidesTheInternalName) {
  config::Pipeline pipeline;
  pipeline.pipeline_id = "orders-sync";
  config::KafkaSource source;
  source.connection = connection("SASL_PLAINTEXT", "GSSAPI");
  auto actual = consumer_properties(pipeline, source, {});
  ASSERT_TRUE(actual.ok()) << actual.error().message();
  std::string keytab;
  for (const auto& [name, value] : actual.value()) {
    EXPECT_NE(name, "sluice.krb5.config");
    if (name == "sasl.kerberos.keytab") keytab = value;
  }
  ASSERT_FALSE(keytab.empty());
  std::ifstream in(keytab);
  std::stringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str(), "KEYTAB-BYTES");
  const char* krb5 = std::getenv("KRB5_CONFIG");
  ASSERT_NE(krb5, nullptr);
  std::ifstream conf(krb5);
  std::stringstream text;
  text << conf.rdbuf();
  EXPECT_EQ(text.str(), source.connection.kerberos_config);
}

}  // namespace
}  // namespace sluice::kafka
