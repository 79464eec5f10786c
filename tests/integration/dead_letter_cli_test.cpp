// `sluice dlq` as a user drives it: records dead-lettered because their value does not fit
// the column are listed and shown; after the column is widened, `replay` inserts them and
// empties the log.
#include <csignal>

#include "integration/pipeline_fixture.h"

namespace sluice::testing {
namespace {

using namespace std::chrono_literals;

class DeadLetterCli : public PipelineFixture {
 protected:
  struct CliResult {
    int code = -1;
    std::string output;
  };

  CliResult sluice_cli(std::vector<std::string> args) {
    args.insert(args.begin(), binary("sluice"));
    ProcessOptions o;
    o.argv = args;
    o.stdout_path = dir_->file("cli.out");
    o.stderr_path = dir_->file("cli.out");
    o.append_output = false;
    auto p = Process::spawn(o);
    EXPECT_TRUE(p.ok());
    auto status = (*p)->wait(120s);
    CliResult r;
    if (status.ok() && status->exited) r.code = status->code;
    auto output = read_file(dir_->file("cli.out"));
    if (output.ok()) r.output = output.value();
    return r;
  }

  // Sets the mapping's column type for `column` in the pipeline file.
  static void set_mapping_type(const std::string& path, const std::string& column,
                               const std::string& type) {
    YAML::Node p = YAML::LoadFile(path);
    for (auto m : p["sink"]["mapping"])
      if (m["column_name"].as<std::string>() == column) m["column_type"] = type;
    YAML::Emitter out;
    out << p;
    std::ofstream(path) << out.c_str() << "\n";
  }

  uint64_t dead_letters() {
    std::ifstream in(dead_letter_path());
    uint64_t n = 0;
    for (std::string line; std::getline(in, line);) n += !line.empty();
    return n;
  }
};

TEST_F(DeadLetterCli, ListShowAndReplayAfterTheColumnIsWidened) {
  start_kafka("w1-dlq", 16);
  GenSummary gen = generate(5000, 21, 16);
  ASSERT_EQ(gen.valid, 5000u);
  std::string pipeline = prepare_w1_pipeline("w1_dlq", 1000, "200ms");
  // A column too narrow for most `@version` values: those records are dead-lettered.
  set_mapping_type(pipeline, "version", "UInt8");
  clickhouse_->must_query("ALTER TABLE w1_dlq MODIFY COLUMN version UInt8");

  auto sluice = start_sluice(pipeline, "sluice.log");
  ASSERT_NE(sluice, nullptr);
  ASSERT_TRUE(
      wait_until([&] { return scalar("SELECT count() FROM w1_dlq") + dead_letters() >= gen.valid; },
                 120s, sluice.get()))
      << tail_of_file(dir_->file("sluice.log"));
  ASSERT_TRUE(sluice->signal(SIGINT).ok());
  ASSERT_TRUE(sluice->wait(30s)->success()) << tail_of_file(dir_->file("sluice.log"));

  const uint64_t rows = scalar("SELECT count() FROM w1_dlq");
  const uint64_t rejected = dead_letters();
  ASSERT_GT(rejected, 0u) << "no @version value was out of UInt8's range: the test proves nothing";
  EXPECT_EQ(rows + rejected, gen.valid);
  std::printf("[ info ] %llu rows inserted, %llu dead-lettered (UInt8 too narrow)\n",
              static_cast<unsigned long long>(rows), static_cast<unsigned long long>(rejected));

  CliResult list = sluice_cli({"dlq", "list", pipeline, "--file", dead_letter_path()});
  EXPECT_EQ(list.code, 0) << list.output;
  EXPECT_NE(list.output.find(std::to_string(rejected) + " dead letters"), std::string::npos)
      << list.output;
  EXPECT_NE(list.output.find("sink/conversion_failed"), std::string::npos) << list.output;

  CliResult show = sluice_cli({"dlq", "show", pipeline, "1", "--file", dead_letter_path()});
  EXPECT_EQ(show.code, 0) << show.output;
  EXPECT_NE(show.output.find("out of range for column \"version\" (UInt8)"), std::string::npos)
      << show.output;
  EXPECT_NE(show.output.find("\"request_id\""), std::string::npos) << "payload shown as text";

  // The fix: a wide enough column. Replay inserts every dead letter and empties the log.
  clickhouse_->must_query("ALTER TABLE w1_dlq MODIFY COLUMN version UInt16");
  set_mapping_type(pipeline, "version", "UInt16");
  CliResult replay = sluice_cli({"dlq", "replay", pipeline, "--file", dead_letter_path()});
  EXPECT_EQ(replay.code, 0) << replay.output;
  std::printf("[ info ] replay: %s", replay.output.c_str());
  EXPECT_EQ(scalar("SELECT count() FROM w1_dlq"), gen.valid) << replay.output;
  EXPECT_EQ(scalar("SELECT uniqExact(request_id) FROM w1_dlq"), gen.valid);
  EXPECT_EQ(scalar("SELECT sum(version) FROM w1_dlq"), gen.sum_version);
  EXPECT_EQ(dead_letters(), 0u) << "replayed entries must leave the log";

  CliResult empty = sluice_cli({"dlq", "list", pipeline, "--file", dead_letter_path()});
  EXPECT_EQ(empty.code, 0) << empty.output;
  EXPECT_NE(empty.output.find("0 dead letters"), std::string::npos) << empty.output;
}

}  // namespace
}  // namespace sluice::testing
