#include "expr/user_agent_memo.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "expr/user_agent.h"

namespace sluice::expr {
namespace {

// A remembered answer is the one user_agent_part gives, however the texts repeat, collide in
// the table or differ by case only.
TEST(UserAgentMemo, AnswersAsUserAgentPartForRepeatsAndManyDistinctTexts) {
  std::vector<std::string> agents = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) Version/17.2 Mobile Safari/604.1",
      "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
      "MOZILLA/5.0 (X11; LINUX X86_64; RV:121.0) GECKO/20100101 FIREFOX/121.0",
      "Mozilla/5.0 (Linux; Android 14; SM-X710) Safari/537.36 Edg/120.0",
      "curl/8.4.0",
      ""};
  for (int i = 0; i < 2000; ++i)  // more than the table holds: entries are replaced
    agents.push_back((i % 3 == 0   ? "Mozilla Android "
                      : i % 3 == 1 ? "iPad Safari "
                                   : "bot ") +
                     std::to_string(i));
  for (const std::string part : {"browser", "device", "os", "color"}) {
    UserAgentMemo memo(part);
    std::string scratch;
    for (int round = 0; round < 3; ++round) {
      for (const std::string& ua : agents) {
        ASSERT_EQ(memo.classify(ua), user_agent_part(ua, part, scratch)) << part << " " << ua;
      }
    }
  }
}

// With a Case, every answer is the case-mapped answer, remembered as such.
TEST(UserAgentMemo, RemembersAnswersInItsCase) {
  UserAgentMemo lower("browser", UserAgentMemo::Case::Lower);
  UserAgentMemo upper("device", UserAgentMemo::Case::Upper);
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(lower.classify("Mozilla/5.0 Gecko/20100101 Firefox/121.0"), "firefox");
    EXPECT_EQ(lower.classify("curl/8.4.0"), "unknown");
    EXPECT_EQ(upper.classify("Mozilla/5.0 (iPad; CPU OS 17_2)"), "TABLET");
  }
  EXPECT_EQ(lower.letter_case(), UserAgentMemo::Case::Lower);
}

TEST(UserAgentMemo, KnownAnswers) {
  UserAgentMemo browser("browser");
  EXPECT_EQ(browser.classify("Mozilla/5.0 Gecko/20100101 Firefox/121.0"), "Firefox");
  EXPECT_EQ(browser.classify("Mozilla/5.0 Gecko/20100101 Firefox/121.0"), "Firefox");
  EXPECT_EQ(browser.classify("Mozilla/5.0 AppleWebKit Chrome/120.0 Safari/537.36"), "Chrome");
  EXPECT_EQ(browser.classify("curl/8.4.0"), "Unknown");
  UserAgentMemo device("device");
  EXPECT_EQ(device.classify("Mozilla/5.0 (iPad; CPU OS 17_2)"), "Tablet");
  EXPECT_EQ(device.classify("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2) Mobile"), "Mobile");
}

}  // namespace
}  // namespace sluice::expr
