#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "config/pipeline.h"
#include "kafka/secret_files.h"

namespace sluice::kafka {

using Properties = std::vector<std::pair<std::string, std::string>>;

// librdkafka consumer properties for a source: brokers, security, group and offset policy,
// then the source's `connection_params.librdkafka` extras, then `overrides` (from `sluice run
// --kafka-property`), each replacing an earlier value of the same name. Delivery rests on
// these: auto-commit and auto offset store are always off. Kerberos files go to
// process_secret_files(), and KRB5_CONFIG is set for the in-process GSSAPI library.
Result<Properties> consumer_properties(const config::Pipeline& pipeline,
                                       const config::KafkaSource& source,
                                       const Properties& overrides);

// Only the security part (security.protocol, sasl.*, ssl.*) for one connection, in a fixed
// order, writing keytab and krb5.conf through `files`:
//   security.protocol                       always (PLAINTEXT | SASL_PLAINTEXT | SSL | SASL_SSL)
//   sasl.mechanisms                         unless NO_AUTH
//   sasl.username, sasl.password            PLAIN, SCRAM-SHA-256, SCRAM-SHA-512
//   sasl.kerberos.service.name, sasl.kerberos.principal (user@REALM),
//   sasl.kerberos.keytab (path), sasl.kerberos.kinit.cmd (with KRB5_CONFIG)   GSSAPI
//   ssl.ca.pem, enable.ssl.certificate.verification + ssl.endpoint.identification.algorithm
//   (skip_tls_verification), ssl.certificate.pem + ssl.key.pem (mTLS)          SSL, SASL_SSL
// SASL settings apply whatever the protocol (the mechanism decides); TLS settings only with
// SSL/SASL_SSL (the loader warns when they are given without).
Result<Properties> security_properties(const config::KafkaConnection& connection,
                                       SecretFiles& files);

// The krb5.conf path written for the last GSSAPI connection through `files`, for KRB5_CONFIG;
// empty when none.
std::string kerberos_config_path(const Properties& security);

}  // namespace sluice::kafka
