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
  explicit UserAgentMemo(std::string part) : part_(std::move(part)), entries_(kEntries) {}

  // user_agent_part(ua, part): a static string.
  std::string_view classify(std::string_view ua);

 private:
  static constexpr size_t kEntries = 256;  // direct-mapped by the text's hash
  struct Entry {
    uint64_t hash = 0;
    bool used = false;
    std::string ua;
    std::string_view answer;
  };

  std::string part_;
  std::vector<Entry> entries_;
  std::string scratch_;
};

}  // namespace sluice::expr
