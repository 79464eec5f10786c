// The `sluice` command: dispatches to the subcommands in src/cli/cmd_*.cpp.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"

// gperftools' tcmalloc defines this when the binary is linked with it (CMake's SLUICE_TCMALLOC);
// otherwise the weak reference stays null and glibc's malloc serves.
extern "C" const char* tc_version(int* major, int* minor, const char** patch) __attribute__((weak));

namespace {

std::string allocator_name() {
  if (tc_version == nullptr) return "glibc malloc";
  int major = 0;
  int minor = 0;
  const char* patch = nullptr;
  return std::string("tcmalloc, ") + tc_version(&major, &minor, &patch);  // "gperftools 2.10"
}

void print_usage(FILE* out) {
  std::fputs("usage: sluice <command> [options]\n\ncommands:\n", out);
  for (const auto& c : sluice::cli::commands())
    std::fprintf(out, "  %-28s %s\n", c.usage, c.summary);
  std::fputs(
      "  version                      print the version\n\n"
      "`sluice run --help` lists the run options.\n",
      out);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(stderr);
    return 2;
  }
  std::string name = args[0];
  args.erase(args.begin());
  if (name == "help" || name == "--help" || name == "-h") {
    print_usage(stdout);
    return 0;
  }
  if (name == "version" || name == "--version") {
    std::printf("sluice 0.1.0 (allocator: %s)\n", allocator_name().c_str());
    return 0;
  }
  for (const auto& c : sluice::cli::commands())
    if (name == c.name) return c.run(args);
  std::fprintf(stderr, "sluice: unknown command \"%s\"\n\n", name.c_str());
  print_usage(stderr);
  return 2;
}
