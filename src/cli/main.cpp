#include <cstdio>

int main() {
  std::puts("sluice: not built yet");
  return 1;
}
