#include "clickhouse/loopback.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace sluice::clickhouse {
namespace {

bool is_loopback(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
  }
  if (address->sa_family == AF_INET6) {
    const in6_addr& a = reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
    if (IN6_IS_ADDR_LOOPBACK(&a)) return true;
    return IN6_IS_ADDR_V4MAPPED(&a) && a.s6_addr[12] == 127;
  }
  return false;
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &list) != 0 || list == nullptr) return false;
  bool all = true;
  for (const addrinfo* ai = list; ai != nullptr; ai = ai->ai_next)
    all = all && is_loopback(ai->ai_addr);
  ::freeaddrinfo(list);
  return all;
}

Compression resolve_compression(std::optional<Compression> chosen, const std::string& host) {
  if (chosen) return *chosen;
  return is_loopback_host(host) ? Compression::None : Compression::LZ4;
}

const char* compression_name(Compression c) {
  switch (c) {
    case Compression::None:
      return "none";
    case Compression::LZ4:
      return "lz4";
    case Compression::ZSTD:
      return "zstd";
  }
  return "?";
}

}  // namespace sluice::clickhouse
