#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace sluice::kafka {

// Where credentials that librdkafka (or Kerberos) can only read from a file go: a Kerberos
// keytab, a krb5.conf. The interface lets tests see exactly which properties are produced
// without touching the disk.
class SecretFiles {
 public:
  virtual ~SecretFiles() = default;
  // Stores `content` under a file name derived from `name` and returns the file's path.
  virtual Result<std::string> write(std::string_view name, std::string_view content) = 0;
};

// The process's secret files: a private directory (mode 0700) under $TMPDIR (default /tmp),
// each file mode 0600, all removed when the process exits normally. Thread-safe.
SecretFiles& process_secret_files();

}  // namespace sluice::kafka
