// Conformance of Sluice's Native encoders with a modern ClickHouse engine, for the types that
// Debian's ClickHouse 18.16 lacks (DateTime64, Map, Bool, IPv4/6, (U)Int128/256, Decimal256,
// Date32, LowCardinality of non-strings, named Tuples) and for values 18.16 cannot print.
// Each case encodes cells with native::BlockEncoder into a Native file and asks chDB (the
// ClickHouse engine as a library) for SELECT * FROM file(path, 'Native', structure), comparing
// the TSV text.
//
// chDB is optional: scripts/install-chdb.sh puts it in .deps/chdb/package/libchdb.so, or point
// SLUICE_CHDB_LIB at a libchdb.so. Without it every test is skipped with that hint.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "native/block_encoder.h"
#include "support/temp_dir.h"
#include "unit/native/native_test_util.h"

namespace sluice {
namespace {

using native::testing::BatchBuilder;

// chDB's C API (libchdb.so, v3 API); the package ships no header.
struct ChdbResult {
  void* internal_data;
};
struct ChdbConnectionData {
  void* internal_data;
};
using ChdbConnection = ChdbConnectionData*;

struct Chdb {
  ChdbConnection* (*connect)(int, char**) = nullptr;
  ChdbResult* (*query)(ChdbConnection, const char*, const char*) = nullptr;
  void (*destroy)(ChdbResult*) = nullptr;
  char* (*buffer)(ChdbResult*) = nullptr;
  size_t (*length)(ChdbResult*) = nullptr;
  const char* (*error)(ChdbResult*) = nullptr;
  ChdbConnection* conn = nullptr;
  std::string problem;  // why it is unavailable

  // The query's TSV output, or "ERROR: ..." text.
  std::string run(const std::string& sql) const {
    ChdbResult* r = query(*conn, sql.c_str(), "TabSeparated");
    std::string out;
    if (const char* e = error(r); e != nullptr) {
      out = std::string("ERROR: ") + e;
    } else {
      out.assign(buffer(r), length(r));
    }
    destroy(r);
    return out;
  }
};

std::string library_path() {
  if (const char* env = std::getenv("SLUICE_CHDB_LIB"); env != nullptr && *env != '\0') return env;
  return std::string(SLUICE_SOURCE_DIR) + "/.deps/chdb/package/libchdb.so";
}

// One engine per process (chDB allows one connection per process), opened on first use.
const Chdb& chdb() {
  static const Chdb instance = [] {
    Chdb c;
    const std::string path = library_path();
    void* lib = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      c.problem = "chDB not installed (" + std::string(::dlerror()) +
                  "); run scripts/install-chdb.sh or set SLUICE_CHDB_LIB to a libchdb.so";
      return c;
    }
    auto sym = [&](const char* name) { return ::dlsym(lib, name); };
    c.connect = reinterpret_cast<decltype(c.connect)>(sym("chdb_connect"));
    c.query = reinterpret_cast<decltype(c.query)>(sym("chdb_query"));
    c.destroy = reinterpret_cast<decltype(c.destroy)>(sym("chdb_destroy_query_result"));
    c.buffer = reinterpret_cast<decltype(c.buffer)>(sym("chdb_result_buffer"));
    c.length = reinterpret_cast<decltype(c.length)>(sym("chdb_result_length"));
    c.error = reinterpret_cast<decltype(c.error)>(sym("chdb_result_error"));
    if (!c.connect || !c.query || !c.destroy || !c.buffer || !c.length || !c.error) {
      c.problem = path + " lacks the chdb_connect/chdb_query C API (too old?)";
      return c;
    }
    static char arg0[] = "clickhouse";
    char* argv[] = {arg0};
    c.conn = c.connect(1, argv);
    if (c.conn == nullptr) c.problem = "chdb_connect failed";
    return c;
  }();
  return instance;
}

class ChdbConformance : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!chdb().problem.empty()) GTEST_SKIP() << chdb().problem;
    auto dir = testing::TempDir::create("sluice-chdb");
    ASSERT_TRUE(dir.ok()) << dir.error().to_string();
    dir_.emplace(std::move(dir).value());
  }

  // Encodes column "c" of `type` from the rows `fill` adds and returns chDB's TSV of it.
  std::string roundtrip(const std::string& type, const std::function<void(BatchBuilder&)>& fill) {
    BatchBuilder b(1);
    fill(b);
    auto encoder = native::BlockEncoder::create({{"c", type, 0, "f"}});
    if (!encoder.ok()) return "encoder: " + encoder.error().to_string();
    std::string body;
    std::vector<uint32_t> rows = b.all_rows();
    auto failures = encoder.value().encode(b.batch, rows, body);
    if (!failures.empty()) return "encode: " + failures[0].detail;
    const std::string path = dir_->file("case" + std::to_string(++count_) + ".native");
    std::ofstream(path, std::ios::binary) << body;
    std::string structure = "c " + type;
    std::string quoted;
    for (char ch : structure) quoted += ch == '\'' ? std::string("\\'") : std::string(1, ch);
    // LowCardinality of numbers/dates is "suspicious" (slow) for modern servers, not invalid.
    return chdb().run("SELECT * FROM file('" + path + "', 'Native', '" + quoted +
                      "') SETTINGS allow_suspicious_low_cardinality_types = 1");
  }

  std::optional<testing::TempDir> dir_;
  int count_ = 0;
};

TEST_F(ChdbConformance, EngineAnswers) {
  EXPECT_EQ(chdb().run("SELECT 1 + 1"), "2\n");
}

TEST_F(ChdbConformance, DateTime64) {
  EXPECT_EQ(roundtrip("DateTime64(3, 'UTC')",
                      [](BatchBuilder& b) {
                        b.row({b.str("2024-01-02T03:04:05.123Z")});
                        b.row({Cell::int64(1704164645123)});  // epoch milliseconds
                        b.row({b.str("1900-01-01 00:00:00")});
                        b.row({b.str("Tue, 02 Jan 2024 03:04:05 GMT")});
                      }),
            "2024-01-02 03:04:05.123\n2024-01-02 03:04:05.123\n1900-01-01 00:00:00.000\n"
            "2024-01-02 03:04:05.000\n");
  EXPECT_EQ(roundtrip("DateTime64(9, 'UTC')",
                      [](BatchBuilder& b) {
                        b.row({b.str("2262-04-11T23:47:16.854775807Z")});
                        b.row({Cell::int64(1704164645123456789)});  // epoch nanoseconds
                      }),
            "2262-04-11 23:47:16.854775807\n2024-01-02 03:04:05.123456789\n");
  EXPECT_EQ(roundtrip("Nullable(DateTime64(6, 'UTC'))",
                      [](BatchBuilder& b) {
                        b.row({b.str("1969-12-31T23:59:59.999999Z")});
                        b.row({Cell::null()});
                      }),
            "1969-12-31 23:59:59.999999\n\\N\n");
}

TEST_F(ChdbConformance, DatesBeyondOldServers) {
  EXPECT_EQ(roundtrip("Date32",
                      [](BatchBuilder& b) {
                        b.row({b.str("1900-01-01")});
                        b.row({b.str("2299-12-31")});
                        b.row({b.str("31.12.1969")});
                      }),
            "1900-01-01\n2299-12-31\n1969-12-31\n");
  EXPECT_EQ(roundtrip("Date",
                      [](BatchBuilder& b) {
                        b.row({b.str("2149-06-06")});
                        b.row({b.str("Jan 2, 2006")});
                      }),
            "2149-06-06\n2006-01-02\n");
  EXPECT_EQ(roundtrip("DateTime('UTC')",
                      [](BatchBuilder& b) {
                        b.row({b.str("2106-02-07T06:28:15Z")});
                        b.row({b.str("Mon Jan  2 15:04:05 2006")});
                      }),
            "2106-02-07 06:28:15\n2006-01-02 15:04:05\n");
}

TEST_F(ChdbConformance, Bool) {
  EXPECT_EQ(roundtrip("Bool",
                      [](BatchBuilder& b) {
                        b.row({Cell::boolean(true)});
                        b.row({Cell::boolean(false)});
                        b.row({b.str("true")});
                        b.row({Cell::int64(0)});
                      }),
            "true\nfalse\ntrue\nfalse\n");
}

TEST_F(ChdbConformance, IpAddresses) {
  EXPECT_EQ(roundtrip("IPv4",
                      [](BatchBuilder& b) {
                        b.row({b.str("1.2.3.4")});
                        b.row({Cell::int64(4294967295)});
                        b.row({b.str("0.0.0.0")});
                      }),
            "1.2.3.4\n255.255.255.255\n0.0.0.0\n");
  EXPECT_EQ(roundtrip("IPv6",
                      [](BatchBuilder& b) {
                        b.row({b.str("2001:db8::8a2e:370:7334")});
                        b.row({b.str("::ffff:1.2.3.4")});
                        b.row({b.str("10.0.0.1")});
                        b.row({b.str("::")});
                      }),
            "2001:db8::8a2e:370:7334\n::ffff:1.2.3.4\n::ffff:10.0.0.1\n::\n");
}

TEST_F(ChdbConformance, WideIntegers) {
  EXPECT_EQ(roundtrip("Int128",
                      [](BatchBuilder& b) {
                        b.row({b.str("-170141183460469231731687303715884105728")});
                        b.row({b.str("170141183460469231731687303715884105727")});
                        b.row({Cell::int64(-1)});
                      }),
            "-170141183460469231731687303715884105728\n170141183460469231731687303715884105727\n"
            "-1\n");
  EXPECT_EQ(roundtrip("UInt128",
                      [](BatchBuilder& b) {
                        b.row({b.str("340282366920938463463374607431768211455")});
                        b.row({Cell::uint64(18446744073709551615u)});
                      }),
            "340282366920938463463374607431768211455\n18446744073709551615\n");
  EXPECT_EQ(roundtrip("Int256",
                      [](BatchBuilder& b) {
                        b.row(
                            {b.str("-57896044618658097711785492504343953926634992332820282019728"
                                   "792003956564819968")});
                        b.row(
                            {b.str("57896044618658097711785492504343953926634992332820282019728"
                                   "792003956564819967")});
                        b.row({Cell::float64(1e20)});
                      }),
            "-57896044618658097711785492504343953926634992332820282019728792003956564819968\n"
            "57896044618658097711785492504343953926634992332820282019728792003956564819967\n"
            "100000000000000000000\n");
  EXPECT_EQ(roundtrip("UInt256",
                      [](BatchBuilder& b) {
                        b.row(
                            {b.str("1157920892373161954235709850086879078532699846656405640394"
                                   "57584007913129639935")});
                        b.row({Cell::int64(0)});
                      }),
            "115792089237316195423570985008687907853269984665640564039457584007913129639935\n0\n");
}

TEST_F(ChdbConformance, Decimal256) {
  EXPECT_EQ(roundtrip("Decimal(76, 10)",
                      [](BatchBuilder& b) {
                        b.row({b.str(std::string(66, '9') + "." + std::string(10, '9'))});
                        b.row({b.str("-1.25")});
                        b.row({Cell::float64(0.1)});
                      }),
            std::string(66, '9') + "." + std::string(10, '9') + "\n-1.25\n0.1\n");
}

TEST_F(ChdbConformance, Maps) {
  EXPECT_EQ(roundtrip("Map(String, UInt64)",
                      [](BatchBuilder& b) {
                        b.row({b.obj(R"({"a":1,"b":2})")});
                        b.row({b.obj("{}")});
                        b.row({b.obj(R"({"big":18446744073709551615})")});
                      }),
            "{'a':1,'b':2}\n{}\n{'big':18446744073709551615}\n");
  EXPECT_EQ(roundtrip("Map(LowCardinality(String), Array(Nullable(String)))",
                      [](BatchBuilder& b) {
                        b.row({b.obj(R"({"k":["x",null],"j":[]})")});
                        b.row({b.obj(R"({"k":[{"n":1}]})")});
                      }),
            "{'k':['x',NULL],'j':[]}\n{'k':['{\"n\":1}']}\n");
  EXPECT_EQ(roundtrip("Map(UInt16, DateTime64(3, 'UTC'))",
                      [](BatchBuilder& b) { b.row({b.obj(R"({"7":"2024-01-02T03:04:05.5Z"})")}); }),
            "{7:'2024-01-02 03:04:05.500'}\n");
}

TEST_F(ChdbConformance, Tuples) {
  EXPECT_EQ(roundtrip("Tuple(a UInt8, b Nullable(String), c Array(IPv4))",
                      [](BatchBuilder& b) {
                        b.row({b.obj(R"({"c":["1.2.3.4"],"a":5})")});
                        Column& col = b.batch.columns[0];
                        Cell ip = b.str("10.0.0.1");
                        Cell ips = BatchBuilder::arr(col.element_column(), {ip});
                        Cell s = b.str("s");
                        b.row({BatchBuilder::arr(col, {Cell::int64(6), s, ips})});
                      }),
            "(5,NULL,['1.2.3.4'])\n(6,'s',['10.0.0.1'])\n");
}

TEST_F(ChdbConformance, LowCardinalityOfFixedWidthTypes) {
  EXPECT_EQ(roundtrip("LowCardinality(UInt16)",
                      [](BatchBuilder& b) {
                        for (int v : {5, 7, 5, 0}) b.row({Cell::int64(v)});
                      }),
            "5\n7\n5\n0\n");
  EXPECT_EQ(roundtrip("LowCardinality(Nullable(DateTime('UTC')))",
                      [](BatchBuilder& b) {
                        b.row({b.str("2024-01-01T00:00:00Z")});
                        b.row({Cell::null()});
                        b.row({b.str("2024-01-01T00:00:00Z")});
                      }),
            "2024-01-01 00:00:00\n\\N\n2024-01-01 00:00:00\n");
  EXPECT_EQ(roundtrip("LowCardinality(FixedString(2))",
                      [](BatchBuilder& b) {
                        b.row({b.str("ab")});
                        b.row({b.str("cd")});
                        b.row({b.str("ab")});
                      }),
            "ab\ncd\nab\n");
  EXPECT_EQ(roundtrip("Array(LowCardinality(Nullable(Float64)))",
                      [](BatchBuilder& b) {
                        Column& col = b.batch.columns[0];
                        b.row({BatchBuilder::arr(col, {Cell::float64(1.5), Cell::null()})});
                        b.row({BatchBuilder::arr(col, {})});
                      }),
            "[1.5,NULL]\n[]\n");
}

TEST_F(ChdbConformance, JsonIntoString) {
  EXPECT_EQ(roundtrip("String",
                      [](BatchBuilder& b) {
                        b.row({b.obj(R"({"a":{"b":[1,2.5,"x"]}})")});
                        Column& col = b.batch.columns[0];
                        b.row({BatchBuilder::arr(col, {Cell::int64(1), Cell::float64(3.0)})});
                      }),
            "{\"a\":{\"b\":[1,2.5,\"x\"]}}\n[1,3.0]\n");
}

}  // namespace
}  // namespace sluice
