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

  uint64_t dead_letters() const {
    std::ifstream in(dead_letter_path());
    uint64_t n = 0;
    for (std::string line; std::getline(in, line);) n += !line.empty();
    return n;
  }

  // Entries in the ClickHouse dead-letter table (newest versions, not deleted); 0 until sluice
  // created it.
  uint64_t table_dead_letters(const std::string& table) {
    const size_t dot = table.find('.');
    if (scalar("SELECT count() FROM system.tables WHERE database = '" + table.substr(0, dot) +
               "' AND name = '" + table.substr(dot + 1) + "'") == 0)
      return 0;
    return scalar("SELECT count() FROM (SELECT * FROM " + table +
                  " FINAL) WHERE deleted = 0 AND pipeline_id = 'e2e-w1-dlq'");
  }

  // 5,000 W1 events into a table whose `version` column is UInt8: every record with a larger
  // @version is dead-lettered. Runs sluice (with `extra_args`) until every record is settled.
  // Returns the rows inserted; `rejected` says how many dead letters there are.
  uint64_t run_with_narrow_column(const std::vector<std::string>& extra_args,
                                  const std::function<uint64_t()>& rejected) {
    start_kafka("w1-dlq", 16);
    gen_ = generate(5000, 21, 16);
    EXPECT_EQ(gen_.valid, 5000u);
    pipeline_ = prepare_w1_pipeline("w1_dlq", 1000, "200ms");
    set_mapping_type(pipeline_, "version", "UInt8");
    clickhouse_->must_query("ALTER TABLE w1_dlq MODIFY COLUMN version UInt8");

    auto sluice = start_sluice(pipeline_, "sluice.log", extra_args);
    EXPECT_NE(sluice, nullptr);
    if (sluice == nullptr) return 0;
    EXPECT_TRUE(
        wait_until([&] { return scalar("SELECT count() FROM w1_dlq") + rejected() >= gen_.valid; },
                   120s, sluice.get()))
        << tail_of_file(dir_->file("sluice.log"));
    EXPECT_TRUE(sluice->signal(SIGINT).ok());
    EXPECT_TRUE(sluice->wait(30s)->success()) << tail_of_file(dir_->file("sluice.log"));
    const uint64_t rows = scalar("SELECT count() FROM w1_dlq");
    EXPECT_GT(rejected(), 0u) << "no @version value was out of UInt8's range: proves nothing";
    EXPECT_EQ(rows + rejected(), gen_.valid);
    std::printf("[ info ] %llu rows inserted, %llu dead-lettered (UInt8 too narrow)\n",
                static_cast<unsigned long long>(rows), static_cast<unsigned long long>(rejected()));
    return rows;
  }

  // The fix: a wide enough column.
  void widen_column() {
    clickhouse_->must_query("ALTER TABLE w1_dlq MODIFY COLUMN version UInt16");
    set_mapping_type(pipeline_, "version", "UInt16");
  }

  GenSummary gen_;
  std::string pipeline_;
};

TEST_F(DeadLetterCli, ListShowAndReplayAfterTheColumnIsWidened) {
  run_with_narrow_column({}, [&] { return dead_letters(); });
  if (HasFatalFailure() || HasFailure()) return;
  const GenSummary& gen = gen_;
  const std::string& pipeline = pipeline_;
  const uint64_t rejected = dead_letters();

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
  widen_column();
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

// The same with the dead letters in a ClickHouse table: the entries are rows there (payload
// byte for byte), `sluice dlq` lists, shows and purges them, and replay removes what it inserted.
TEST_F(DeadLetterCli, DeadLettersInAClickHouseTable) {
  const std::string table = "default.w1_dlq_dead_letters";
  clickhouse_->must_query("DROP TABLE IF EXISTS " + table);
  const std::string spec = "clickhouse:" + table;
  run_with_narrow_column({"--dead-letter", spec}, [&] { return table_dead_letters(table); });
  if (HasFailure()) return;
  const uint64_t rejected = table_dead_letters(table);
  EXPECT_EQ(read_file(dead_letter_path()).ok(), false) << "nothing may go to the file";
  // Entries are numbered 1..N and carry the original message and its origin.
  EXPECT_EQ(scalar("SELECT max(seq) FROM " + table), rejected);
  EXPECT_EQ(scalar("SELECT count() FROM " + table +
                   " WHERE reason = 'conversion_failed' AND component = 'sink' AND "
                   "kafka_topic = 'w1-dlq' AND position(payload, '\"request_id\"') > 0 AND "
                   "position(detail, 'out of range for column \"version\" (UInt8)') > 0"),
            rejected);

  CliResult list = sluice_cli({"dlq", "list", pipeline_, "--dead-letter", spec});
  EXPECT_EQ(list.code, 0) << list.output;
  EXPECT_NE(list.output.find(std::to_string(rejected) + " dead letters"), std::string::npos)
      << list.output;
  CliResult show = sluice_cli({"dlq", "show", pipeline_, "3", "--dead-letter", spec});
  EXPECT_EQ(show.code, 0) << show.output;
  EXPECT_NE(show.output.find("out of range for column \"version\" (UInt8)"), std::string::npos)
      << show.output;
  CliResult by_id = sluice_cli({"dlq", "list", "e2e-w1-dlq", "--dead-letter", spec});
  EXPECT_EQ(by_id.code, 1) << "a table needs the pipeline file for its connection";
  EXPECT_NE(by_id.output.find("need the pipeline file"), std::string::npos) << by_id.output;

  // Purge the first ten entries; they are gone from every later read.
  CliResult purge =
      sluice_cli({"dlq", "purge", pipeline_, "--before", "11", "--dead-letter", spec});
  EXPECT_EQ(purge.code, 0) << purge.output;
  EXPECT_NE(purge.output.find("purged 10 dead letters"), std::string::npos) << purge.output;
  EXPECT_EQ(table_dead_letters(table), rejected - 10);

  widen_column();
  CliResult replay = sluice_cli({"dlq", "replay", pipeline_, "--dead-letter", spec});
  EXPECT_EQ(replay.code, 0) << replay.output;
  std::printf("[ info ] replay: %s", replay.output.c_str());
  EXPECT_EQ(scalar("SELECT count() FROM w1_dlq"), gen_.valid - 10) << replay.output;
  EXPECT_EQ(scalar("SELECT uniqExact(request_id) FROM w1_dlq"), gen_.valid - 10);
  EXPECT_EQ(table_dead_letters(table), 0u) << "replayed entries must leave the table";
  // Tombstones keep the numbers: nothing is renumbered or reused.
  EXPECT_EQ(scalar("SELECT max(seq) FROM " + table), rejected);
  CliResult empty = sluice_cli({"dlq", "list", pipeline_, "--dead-letter", spec});
  EXPECT_NE(empty.output.find("0 dead letters"), std::string::npos) << empty.output;
}

}  // namespace
}  // namespace sluice::testing
