#include "pipeline/metrics_text.h"

#include <gtest/gtest.h>

namespace sluice::pipeline {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(MetricsText, CountersAndGaugesWithHelpAndType) {
  MetricsSnapshot m;
  m.pipeline_id = "orders";
  m.records_in = 1200;
  m.rows_written = 1000;
  m.dead_lettered = 3;
  m.lag = 42;
  const std::string text = render_prometheus(m);
  EXPECT_TRUE(has_line(text, "# TYPE sluice_records_read_total counter")) << text;
  EXPECT_TRUE(has_line(text, "sluice_records_read_total{pipeline_id=\"orders\"} 1200")) << text;
  EXPECT_TRUE(has_line(text, "sluice_rows_written_total{pipeline_id=\"orders\"} 1000")) << text;
  EXPECT_TRUE(has_line(text, "sluice_dead_letters_total{pipeline_id=\"orders\"} 3")) << text;
  EXPECT_TRUE(has_line(text, "sluice_consumer_lag_messages{pipeline_id=\"orders\"} 42")) << text;
  EXPECT_TRUE(has_line(text, "sluice_consumption_paused{pipeline_id=\"orders\"} 0")) << text;
  EXPECT_TRUE(has_line(text, "sluice_sink_retrying{pipeline_id=\"orders\"} 0")) << text;
  EXPECT_EQ(text.find("sluice_sink_last_error_info"), std::string::npos);
}

TEST(MetricsText, PausedAndRetryingSayWhy) {
  MetricsSnapshot m;
  m.pipeline_id = "p";
  m.paused = true;
  m.pause_reason = "clickhouse_failing";
  m.retrying = true;
  m.last_error = "cannot connect to \"127.0.0.1:9000\": refused\\n";
  const std::string text = render_prometheus(m);
  EXPECT_TRUE(has_line(
      text, "sluice_consumption_paused{pipeline_id=\"p\",reason=\"clickhouse_failing\"} 1"))
      << text;
  EXPECT_TRUE(has_line(text, "sluice_sink_retrying{pipeline_id=\"p\"} 1")) << text;
  EXPECT_TRUE(has_line(text,
                       "sluice_sink_last_error_info{pipeline_id=\"p\",error=\"cannot connect to "
                       "\\\"127.0.0.1:9000\\\": refused\\\\n\"} 1"))
      << text;
}

TEST(MetricsText, UnknownLagIsLeftOut) {
  MetricsSnapshot m;
  m.pipeline_id = "p";
  EXPECT_EQ(render_prometheus(m).find("sluice_consumer_lag_messages"), std::string::npos);
}

}  // namespace
}  // namespace sluice::pipeline
