#include "sink/dead_letter_entry.h"

#include <charconv>
#include <ctime>

#include "base/base64.h"
#include "base/json_writer.h"

namespace sluice::sink {

std::string utc_iso8601(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string utc_now_iso8601() {
  return utc_iso8601(std::time(nullptr));
}

std::string_view reject_component(RejectReason reason) {
  switch (reason) {
    case RejectReason::InvalidJson:
    case RejectReason::NotAnObject:
    case RejectReason::FieldTypeMismatch:
      return "decoder";
    case RejectReason::ConversionFailed:
    case RejectReason::ServerRejected:
      return "sink";
    case RejectReason::FilterFailed:
      return "filter";
    case RejectReason::TransformFailed:
      return "stateless";
    case RejectReason::DedupKeyMissing:
      return "dedup";
    case RejectReason::JoinKeyMissing:
      return "join";
  }
  return "unknown";
}

std::vector<DeadLetterEntry> entries_from(const std::vector<RejectedRecord>& records,
                                          const std::vector<std::string>& topics,
                                          const std::string& pipeline_id) {
  std::vector<DeadLetterEntry> entries;
  entries.reserve(records.size());
  for (const RejectedRecord& r : records) {
    DeadLetterEntry e;
    e.pipeline_id = pipeline_id;
    e.component = reject_component(r.reason);
    e.reason = reject_reason_name(r.reason);
    e.detail = r.detail;
    e.topic = r.origin.topic < topics.size() ? topics[r.origin.topic] : "";
    e.partition = r.origin.partition.value;
    e.offset = r.origin.offset.value;
    e.timestamp_ms = r.origin.timestamp_ms;
    e.key = r.key;
    e.payload = r.payload;
    entries.push_back(std::move(e));
  }
  return entries;
}

void append_entry_line(std::string& out, const DeadLetterEntry& e) {
  out += "{\"seq\":" + std::to_string(e.seq) + ",\"time\":";
  append_json_string(out, e.time);
  out += ",\"pipeline_id\":";
  append_json_string(out, e.pipeline_id);
  out += ",\"component\":";
  append_json_string(out, e.component);
  out += ",\"reason\":";
  append_json_string(out, e.reason);
  out += ",\"detail\":";
  append_json_string(out, e.detail);
  out += ",\"topic\":";
  append_json_string(out, e.topic);
  out += ",\"partition\":" + std::to_string(e.partition);
  out += ",\"offset\":" + std::to_string(e.offset);
  out += ",\"timestamp_ms\":" + std::to_string(e.timestamp_ms);
  out += ",\"key_base64\":\"" + base64_encode(e.key);
  out += "\",\"payload_base64\":\"" + base64_encode(e.payload) + "\"}\n";
}

namespace {

// A reader for the flat objects append_entry_line writes: string and integer values only.
class FlatJson {
 public:
  explicit FlatJson(std::string_view s) : s_(s) {}

  Status parse(DeadLetterEntry& e) {
    skip_ws();
    if (!eat('{')) return fail("expected {");
    skip_ws();
    if (eat('}')) return Status::success();
    while (true) {
      std::string key, text;
      skip_ws();
      SLUICE_RETURN_IF_ERROR(string(key));
      skip_ws();
      if (!eat(':')) return fail("expected :");
      skip_ws();
      if (i_ < s_.size() && s_[i_] == '"') {
        SLUICE_RETURN_IF_ERROR(string(text));
        SLUICE_RETURN_IF_ERROR(assign_text(e, key, text));
      } else {
        int64_t n = 0;
        auto [ptr, ec] = std::from_chars(s_.data() + i_, s_.data() + s_.size(), n);
        if (ec != std::errc()) return fail("expected a string or an integer for " + key);
        i_ = static_cast<size_t>(ptr - s_.data());
        assign_number(e, key, n);
      }
      skip_ws();
      if (eat('}')) return Status::success();
      if (!eat(',')) return fail("expected , or }");
    }
  }

 private:
  static Status assign_text(DeadLetterEntry& e, const std::string& key, std::string& v) {
    if (key == "time")
      e.time = std::move(v);
    else if (key == "pipeline_id")
      e.pipeline_id = std::move(v);
    else if (key == "component")
      e.component = std::move(v);
    else if (key == "reason")
      e.reason = std::move(v);
    else if (key == "detail")
      e.detail = std::move(v);
    else if (key == "topic")
      e.topic = std::move(v);
    else if (key == "key_base64" && !base64_decode(v, e.key))
      return Error(ErrorCode::InvalidArgument, "key_base64 is not base64");
    else if (key == "payload_base64" && !base64_decode(v, e.payload))
      return Error(ErrorCode::InvalidArgument, "payload_base64 is not base64");
    return Status::success();
  }
  static void assign_number(DeadLetterEntry& e, const std::string& key, int64_t n) {
    if (key == "seq")
      e.seq = static_cast<uint64_t>(n);
    else if (key == "partition")
      e.partition = static_cast<int32_t>(n);
    else if (key == "offset")
      e.offset = n;
    else if (key == "timestamp_ms")
      e.timestamp_ms = n;
  }

  Status string(std::string& out) {
    if (!eat('"')) return fail("expected a string");
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return Status::success();
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) break;
      char esc = s_[i_++];
      switch (esc) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'u':
          SLUICE_RETURN_IF_ERROR(unicode(out));
          break;
        default:
          out.push_back(esc);  // \" \\ \/
      }
    }
    return fail("unterminated string");
  }

  Status unicode(std::string& out) {
    uint32_t cp = 0;
    SLUICE_RETURN_IF_ERROR(hex4(cp));
    if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_, 2) == "\\u") {
      i_ += 2;
      uint32_t low = 0;
      SLUICE_RETURN_IF_ERROR(hex4(low));
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    return Status::success();
  }

  Status hex4(uint32_t& out) {
    if (i_ + 4 > s_.size()) return fail("short \\u escape");
    auto [ptr, ec] = std::from_chars(s_.data() + i_, s_.data() + i_ + 4, out, 16);
    if (ec != std::errc() || ptr != s_.data() + i_ + 4) return fail("bad \\u escape");
    i_ += 4;
    return Status::success();
  }

  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  Error fail(const std::string& what) const {
    return Error(ErrorCode::InvalidArgument,
                 "bad dead-letter entry at byte " + std::to_string(i_) + ": " + what);
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

Result<DeadLetterEntry> parse_entry_line(std::string_view line) {
  DeadLetterEntry e;
  SLUICE_RETURN_IF_ERROR(FlatJson(line).parse(e));
  return e;
}

}  // namespace sluice::sink
