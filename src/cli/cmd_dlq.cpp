// `sluice dlq list|show|replay|purge PIPELINE`: the dead-letter log of a pipeline
// (docs/dead-letters.md).
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "base/base64.h"
#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "config/pipeline_loader.h"
#include "json/record_decoder.h"
#include "sink/clickhouse_sink.h"
#include "sink/dead_letter_target.h"

namespace sluice::cli {

namespace {

const char* const kDlqUsage =
    "usage: sluice dlq list|show|replay|purge PIPELINE [options]\n"
    "\n"
    "PIPELINE is the pipeline file (or, except for replay, its pipeline_id).\n"
    "  list [--reason R] [--limit N] [--page P]   counts by reason and component, then\n"
    "                                           entries newest first (default 20 per page)\n"
    "  show SEQ                                  one entry in full; the payload as text when\n"
    "                                           it is UTF-8 text, else base64\n"
    "  replay [--reason R]                       decode and insert the stored payloads again;\n"
    "                                           entries that go in are removed, the others stay\n"
    "                                           with their new reason\n"
    "  purge (--all | --before SEQ | --reason R)  delete entries\n"
    "options:\n"
    "  --data-dir DIR   where pipelines keep their state (default .sluice)\n"
    "  --dead-letter FILE|clickhouse:[DB.]TABLE  where the dead letters are, as given to\n"
    "                   `sluice run --dead-letter` (a table needs PIPELINE to be the file)\n"
    "  --file FILE      the same as --dead-letter FILE\n"
    "replay and purge need the pipeline stopped (a file is locked while it runs; a table\n"
    "cannot be locked, so stop the pipeline yourself).\n";

struct DlqArgs {
  std::string action, pipeline, data_dir = ".sluice", target, reason;
  uint64_t seq = 0, before = 0;
  size_t limit = 20, page = 1;
  bool all = false;
};

Result<DlqArgs> parse(const std::vector<std::string>& args) {
  DlqArgs out;
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> Result<std::string> {
      if (i + 1 >= args.size()) return Error(ErrorCode::InvalidArgument, a + " needs a value");
      return args[++i];
    };
    auto number = [&]() -> Result<uint64_t> {
      auto v = value();
      if (!v.ok()) return v.error();
      try {
        size_t used = 0;
        uint64_t n = std::stoull(*v, &used);
        if (used == v->size()) return n;
      } catch (...) {
      }
      return Error(ErrorCode::InvalidArgument, a + " takes a number, got \"" + *v + "\"");
    };
    if (a == "--data-dir" || a == "--file" || a == "--dead-letter" || a == "--reason") {
      auto v = value();
      if (!v.ok()) return v.error();
      (a == "--data-dir" ? out.data_dir : a == "--reason" ? out.reason : out.target) = *v;
    } else if (a == "--limit" || a == "--page" || a == "--before") {
      auto n = number();
      if (!n.ok()) return n.error();
      if (a == "--limit")
        out.limit = *n;
      else if (a == "--page")
        out.page = std::max<uint64_t>(1, *n);
      else
        out.before = *n;
    } else if (a == "--all") {
      out.all = true;
    } else if (!a.empty() && a[0] == '-') {
      return Error(ErrorCode::InvalidArgument, "unknown option " + a);
    } else {
      positional.push_back(a);
    }
  }
  static const std::set<std::string> kActions = {"list", "show", "replay", "purge"};
  if (positional.empty() || !kActions.count(positional[0]))
    return Error(ErrorCode::InvalidArgument, "expected list, show, replay or purge");
  out.action = positional[0];
  size_t want = out.action == "show" ? 3 : 2;
  if (positional.size() != want)
    return Error(ErrorCode::InvalidArgument, "sluice dlq " + out.action + " takes " +
                                                 (want == 3 ? "PIPELINE SEQ" : "PIPELINE"));
  out.pipeline = positional[1];
  if (want == 3) {
    try {
      out.seq = std::stoull(positional[2]);
    } catch (...) {
      return Error(ErrorCode::InvalidArgument, "SEQ must be a number");
    }
  }
  if (out.action == "purge" && !out.all && out.before == 0 && out.reason.empty())
    return Error(ErrorCode::InvalidArgument, "purge needs --all, --before SEQ or --reason R");
  return out;
}

// The pipeline from PIPELINE when it is a valid pipeline file (else nullopt: PIPELINE is the id).
std::optional<config::Pipeline> pipeline_of(const std::string& pipeline) {
  if (!std::filesystem::is_regular_file(pipeline)) return std::nullopt;
  auto loaded = config::load_pipeline_file(pipeline);
  return loaded.pipeline;
}

bool is_text(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') return false;
  return true;  // UTF-8 validity is left to the terminal
}

void print_summary(const std::vector<sink::DeadLetterEntry>& entries, size_t skipped) {
  std::map<std::string, size_t> by_reason;
  for (const auto& e : entries) ++by_reason[e.component + "/" + e.reason];
  std::printf("%zu dead letters", entries.size());
  if (skipped > 0) std::printf(" (%zu damaged lines skipped)", skipped);
  std::printf("\n");
  for (const auto& [k, n] : by_reason) std::printf("  %-40s %zu\n", k.c_str(), n);
}

int list(const DlqArgs& a, const sink::LogContents& log) {
  print_summary(log.entries, log.skipped_lines);
  size_t skip = (a.page - 1) * a.limit, shown = 0;
  for (auto it = log.entries.rbegin(); it != log.entries.rend() && shown < a.limit; ++it) {
    if (!a.reason.empty() && it->reason != a.reason) continue;
    if (skip > 0) {
      --skip;
      continue;
    }
    ++shown;
    std::string detail = it->detail.substr(0, 100);
    std::printf("%6llu  %s  %s/%s  %s[%d]@%lld  %s\n", static_cast<unsigned long long>(it->seq),
                it->time.c_str(), it->component.c_str(), it->reason.c_str(), it->topic.c_str(),
                it->partition, static_cast<long long>(it->offset), detail.c_str());
  }
  return 0;
}

int show(const DlqArgs& a, const sink::LogContents& log) {
  for (const auto& e : log.entries) {
    if (e.seq != a.seq) continue;
    std::printf(
        "seq:        %llu\ntime:       %s\npipeline:   %s\ncomponent:  %s\nreason:     %s\n"
        "detail:     %s\ntopic:      %s\npartition:  %d\noffset:     %lld\n"
        "timestamp:  %lld ms\n",
        static_cast<unsigned long long>(e.seq), e.time.c_str(), e.pipeline_id.c_str(),
        e.component.c_str(), e.reason.c_str(), e.detail.c_str(), e.topic.c_str(), e.partition,
        static_cast<long long>(e.offset), static_cast<long long>(e.timestamp_ms));
    std::printf("key:        %s\n", e.key.empty() ? "(none)" : e.key.c_str());
    if (is_text(e.payload))
      std::printf("payload (%zu bytes, text):\n%s\n", e.payload.size(), e.payload.c_str());
    else
      std::printf("payload (%zu bytes, binary, base64):\n%s\n", e.payload.size(),
                  base64_encode(e.payload).c_str());
    return 0;
  }
  std::fprintf(stderr, "sluice: no dead letter %llu\n", static_cast<unsigned long long>(a.seq));
  return 1;
}

}  // namespace

int dlq_replay(const std::string& pipeline_path, sink::DeadLetterArchive& archive,
               const std::string& reason);

int dlq_command(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kDlqUsage, stdout);
      return 0;
    }
  }
  auto parsed = parse(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "sluice: %s (see `sluice dlq --help`)\n",
                 parsed.error().message().c_str());
    return 2;
  }
  const DlqArgs& a = *parsed;
  const std::optional<config::Pipeline> pipeline = pipeline_of(a.pipeline);
  const std::string id = pipeline ? pipeline->pipeline_id : a.pipeline;
  auto target = sink::parse_dead_letter_target(a.target, a.data_dir, id,
                                               pipeline ? pipeline->sink.connection.database : "");
  if (!target.ok()) {
    std::fprintf(stderr, "sluice: %s\n", target.error().message().c_str());
    return 2;
  }
  const bool changes = a.action == "purge" || a.action == "replay";
  auto archive =
      sink::open_dead_letter_archive(*target, pipeline ? &*pipeline : nullptr, id, changes);
  if (!archive.ok()) {
    std::fprintf(stderr, "sluice: %s\n", archive.error().message().c_str());
    return 1;
  }
  if (a.action == "replay") return dlq_replay(a.pipeline, **archive, a.reason);

  auto log = (*archive)->read();
  if (!log.ok()) {
    std::fprintf(stderr, "sluice: %s\n", log.error().message().c_str());
    return 1;
  }
  if (a.action == "list") return list(a, *log);
  if (a.action == "show") return show(a, *log);

  std::vector<uint64_t> purged;
  for (const auto& e : log->entries) {
    if (a.all || (a.before > 0 && e.seq < a.before) || (!a.reason.empty() && e.reason == a.reason))
      purged.push_back(e.seq);
  }
  if (Status s = (*archive)->update(purged, {}); !s.ok()) {
    std::fprintf(stderr, "sluice: %s\n", s.error().message().c_str());
    return 1;
  }
  std::printf("purged %zu dead letters, %zu left\n", purged.size(),
              log->entries.size() - purged.size());
  return 0;
}

}  // namespace sluice::cli
