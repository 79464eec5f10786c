#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// parseUserAgent's answers for the user agents seen recently, per part: traffic repeats a few
// browsers' strings, and classifying one (lowering it, then up to six substring searches)
// costs more than hashing it. An answer depends on (ua, part) alone, so a remembered one is
// exactly what user_agent_part would say again. Not thread-safe; one per thread.
namespace sluice::expr {

class UserAgentMemo {
 public:
  // What classify() does to an answer before it is remembered: lower(parseUserAgent(...)) and
  // upper(...) are one memo lookup instead of a lookup and a case mapping per record.
  enum class Case : uint8_t { AsIs, Lower, Upper };

  explicit UserAgentMemo(std::string part, Case letter_case = Case::AsIs)
      : part_(std::move(part)), case_(letter_case), entries_(kEntries) {}

  // user_agent_part(ua, part), then mapped by the memo's Case. Valid until the next call.
  std::string_view classify(std::string_view ua);
  Case letter_case() const { return case_; }

 private:
  static constexpr size_t kEntries = 256;  // direct-mapped by the text's hash
  struct Entry {
    uint64_t hash = 0;
    bool used = false;
    std::string ua;
    std::string_view answer;  // a static string, or `cased`
    std::string cased;
  };

  std::string part_;
  Case case_;
  std::vector<Entry> entries_;
  std::string scratch_;
};

}  // namespace sluice::expr
