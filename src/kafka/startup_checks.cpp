#include "kafka/startup_checks.h"

#include "config/clickhouse_checks.h"
#include "kafka/kafka_checks.h"

namespace sluice::kafka {

std::vector<std::string> run_startup_checks(const config::Pipeline& pipeline,
                                            const StartupCheckOptions& options) {
  std::vector<std::string> problems;
  for (const config::KafkaSource& source : pipeline.sources) {
    std::string problem =
        check_kafka_source(pipeline, source, options.kafka_overrides, options.kafka_timeout);
    if (!problem.empty()) problems.push_back(std::move(problem));
  }
  for (std::string& problem : config::check_clickhouse(pipeline, options.clickhouse_timeout))
    problems.push_back(std::move(problem));
  return problems;
}

Status check_before_start(const config::Pipeline& pipeline, const Properties& kafka_overrides) {
  StartupCheckOptions options;
  options.kafka_overrides = kafka_overrides;
  const std::vector<std::string> problems = run_startup_checks(pipeline, options);
  if (problems.empty()) return Status::success();
  std::string message = "start-up checks failed:";
  for (const std::string& problem : problems) message += "\n  " + problem;
  return Error(ErrorCode::ConfigInvalid, message);
}

}  // namespace sluice::kafka
