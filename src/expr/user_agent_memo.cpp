#include "expr/user_agent_memo.h"

#include <xxhash.h>

#include "expr/user_agent.h"
#include "expr/utf8.h"

namespace sluice::expr {

std::string_view UserAgentMemo::classify(std::string_view ua) {
  const uint64_t hash = XXH3_64bits(ua.data(), ua.size());
  Entry& entry = entries_[hash % kEntries];
  if (entry.used && entry.hash == hash && entry.ua == ua) return entry.answer;
  entry.answer = user_agent_part(ua, part_, scratch_);
  if (case_ != Case::AsIs) {
    if (case_ == Case::Lower)
      utf8::lower_to(entry.answer, entry.cased);
    else
      utf8::upper_to(entry.answer, entry.cased);
    entry.answer = entry.cased;
  }
  entry.hash = hash;
  entry.ua.assign(ua);  // reuses the entry's buffer
  entry.used = true;
  return entry.answer;
}

}  // namespace sluice::expr
