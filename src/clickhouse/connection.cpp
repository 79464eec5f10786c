#include "clickhouse/connection.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "base/varint.h"
#include "clickhouse/protocol.h"
#include "clickhouse/query_packet.h"
#include "clickhouse/server_exception.h"
#include "clickhouse/tcp_transport.h"
#include "clickhouse/tls_transport.h"

namespace sluice::clickhouse {

namespace {

std::string detect_hostname() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof(buf) - 1) != 0) return "";
  return buf;
}

std::string detect_os_user() {
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "";
}

FrameMethod frame_method(Compression c) {
  return c == Compression::ZSTD ? FrameMethod::ZSTD : FrameMethod::LZ4;
}

Error unexpected_packet(uint64_t type, std::string_view during) {
  return Error(ErrorCode::Protocol, "unexpected server packet " + std::to_string(type) +
                                        " during " + std::string(during));
}

}  // namespace

Connection::Connection(const ConnectionOptions& options, std::unique_ptr<Transport> transport)
    : options_(options),
      transport_(std::move(transport)),
      reader_(*transport_, options.io_timeout),
      writer_(*transport_, options.io_timeout) {
  identity_.client_name = options.client_name;
  identity_.os_user = options.os_user.empty() ? detect_os_user() : options.os_user;
  identity_.hostname =
      options.client_hostname.empty() ? detect_hostname() : options.client_hostname;
  identity_.version_major = kClientVersionMajor;
  identity_.version_minor = kClientVersionMinor;
  identity_.version_patch = kClientVersionPatch;
  identity_.announced_revision = kClientRevision;
}

Connection::~Connection() {
  if (transport_) transport_->close();
}

Result<std::unique_ptr<Connection>> Connection::open(const ConnectionOptions& options) {
  if (options.secure) {
    TlsOptions tls;
    tls.server_name = options.tls_server_name;
    tls.ca_file = options.ca_file;
    tls.skip_certificate_verification = options.skip_certificate_verification;
    auto transport =
        TlsTransport::connect(options.host, options.port, tls, options.connect_timeout);
    if (!transport.ok()) return transport.error();
    return open(options, std::move(transport.value()));
  }
  auto transport = TcpTransport::connect(options.host, options.port, options.connect_timeout);
  if (!transport.ok()) return transport.error();
  return open(options, std::move(transport.value()));
}

Result<std::unique_ptr<Connection>> Connection::open(const ConnectionOptions& options,
                                                     std::unique_ptr<Transport> transport) {
  std::unique_ptr<Connection> conn(new Connection(options, std::move(transport)));
  Status st = conn->handshake();
  if (!st.ok()) {
    return st.error().with_context("ClickHouse " + options.host + ":" +
                                   std::to_string(options.port));
  }
  return conn;
}

Status Connection::handshake() {
  std::string hello;
  encode_hello(identity_, options_.database, options_.user, options_.password, hello);
  writer_.write_raw(hello);
  if (Status st = writer_.flush(); !st.ok()) return fail(st.error());
  auto type = reader_.read_varuint();
  if (!type.ok()) return fail(type.error());
  if (type.value() == static_cast<uint64_t>(ServerPacket::Exception)) {
    // Wrong password, unknown user or database: the server closes the connection after this.
    Error error;
    if (Status st = read_server_exception(reader_, error); !st.ok()) return fail(st.error());
    broken_ = error;
    transport_->close();
    return error;
  }
  if (type.value() != static_cast<uint64_t>(ServerPacket::Hello)) {
    return fail(unexpected_packet(type.value(), "handshake"));
  }
  auto info = read_server_hello(reader_, kClientRevision);
  if (!info.ok()) return fail(info.error());
  server_ = std::move(info.value());
  revision_ = std::min(kClientRevision, server_.revision);
  return Status::success();
}

Status Connection::check_usable(State expected) const {
  if (broken_) return broken_->with_context("connection is broken, reconnect");
  if (state_ != expected) {
    return Error(ErrorCode::InvalidArgument,
                 state_ == State::Inserting
                     ? "an INSERT is in progress: finish it with end_insert() first"
                     : "no INSERT in progress: call begin_insert() first");
  }
  return Status::success();
}

Error Connection::fail(Error error) {
  const ErrorCode code = error.code();
  if (code == ErrorCode::Network || code == ErrorCode::Timeout || code == ErrorCode::Protocol ||
      code == ErrorCode::Io || code == ErrorCode::Internal) {
    broken_ = error;
    writer_.discard();
    transport_->close();
  }
  return error;
}

Status Connection::send_query(std::string_view sql, const Settings& settings) {
  std::string packet;
  QueryPacket query{"", sql, &settings, options_.compression != Compression::None};
  // A refused setting is the caller's mistake; nothing was sent, the connection stays fine.
  SLUICE_RETURN_IF_ERROR(encode_query(identity_, revision_, query, packet));
  writer_.write_raw(packet);
  // The server reads external tables until an empty block before running any query.
  if (Status st = write_data_packet({}); !st.ok()) return fail(st.error());
  if (Status st = writer_.flush(); !st.ok()) return fail(st.error());
  return Status::success();
}

Status Connection::write_data_packet(std::string_view body) {
  writer_.write_varuint(static_cast<uint64_t>(ClientPacket::Data));
  writer_.write_string("");  // table name: always raw
  if (body.empty()) {
    scratch_.assign(kBlockInfo, kBlockInfoSize);
    append_varuint(scratch_, 0);
    append_varuint(scratch_, 0);
    if (options_.compression == Compression::None) {
      writer_.write_raw(scratch_);
      return Status::success();
    }
    return writer_.write_compressed(scratch_, frame_method(options_.compression));
  }
  if (options_.compression == Compression::None) {
    writer_.write_raw(std::string_view(kBlockInfo, kBlockInfoSize));
    return writer_.write_raw_direct(body);
  }
  scratch_.assign(kBlockInfo, kBlockInfoSize);
  scratch_.append(body.data(), body.size());
  Status st = writer_.write_compressed(scratch_, frame_method(options_.compression));
  scratch_.clear();
  if (scratch_.capacity() > (16u << 20)) scratch_.shrink_to_fit();
  return st;
}

Status Connection::read_block(bool compressed, DecodedBlock& block, bool decode_values) {
  SLUICE_RETURN_IF_ERROR(reader_.read_string(scratch_));  // table name, always raw
  ResultDecoder decoder(revision_);
  if (!compressed) return decoder.read_block(reader_, block, decode_values);
  reader_.begin_compressed();
  Status st = decoder.read_block(reader_, block, decode_values);
  Status end = reader_.end_compressed();
  return st.ok() ? end : st;
}

Status Connection::read_response(Until until, QueryResult* result,
                                 std::vector<ColumnHeader>* header) {
  const bool compressed = options_.compression != Compression::None;
  DecodedBlock block;
  for (;;) {
    auto type = reader_.read_varuint();
    if (!type.ok()) return fail(type.error());
    switch (static_cast<ServerPacket>(type.value())) {
      case ServerPacket::Data: {
        if (Status st = read_block(compressed, block, result != nullptr); !st.ok()) {
          return fail(st.error());
        }
        if (until == Until::InsertHeader) {
          *header = std::move(block.columns);
          return Status::success();
        }
        if (result == nullptr) break;
        if (result->columns.empty() && !block.columns.empty()) result->columns = block.columns;
        if (block.rows > 0 && block.columns.size() != result->columns.size()) {
          return fail(Error(ErrorCode::Protocol, "result blocks disagree on the column count"));
        }
        for (size_t r = 0; r < block.rows; ++r) {
          auto& row = result->rows.emplace_back();
          row.reserve(block.values.size());
          for (auto& column : block.values) row.push_back(std::move(column[r]));
        }
        break;
      }
      case ServerPacket::Totals:
      case ServerPacket::Extremes:
        if (Status st = read_block(compressed, block, false); !st.ok()) return fail(st.error());
        break;
      case ServerPacket::Log:
      case ServerPacket::ProfileEvents:
        // Uncompressed below revision 54481, which we never negotiate.
        if (Status st = read_block(false, block, false); !st.ok()) return fail(st.error());
        break;
      case ServerPacket::Exception: {
        Error error;
        if (Status st = read_server_exception(reader_, error); !st.ok()) return fail(st.error());
        return error;
      }
      case ServerPacket::Progress:
        if (Status st = skip_progress(); !st.ok()) return fail(st.error());
        break;
      case ServerPacket::ProfileInfo: {
        // rows, blocks, bytes, applied_limit u8, rows_before_limit, calculated u8.
        for (int i = 0; i < 3; ++i) {
          if (auto v = reader_.read_varuint(); !v.ok()) return fail(v.error());
        }
        if (Status st = reader_.skip(1); !st.ok()) return fail(st.error());
        if (auto v = reader_.read_varuint(); !v.ok()) return fail(v.error());
        if (Status st = reader_.skip(1); !st.ok()) return fail(st.error());
        break;
      }
      case ServerPacket::TableColumns: {
        std::string ignored;
        if (Status st = reader_.read_string(ignored); !st.ok()) return fail(st.error());
        if (Status st = reader_.read_string(ignored); !st.ok()) return fail(st.error());
        break;
      }
      case ServerPacket::EndOfStream:
        if (until == Until::InsertHeader) {
          return Error(ErrorCode::InvalidArgument,
                       "the statement finished without asking for data: not an INSERT ... VALUES");
        }
        return Status::success();
      default:
        return fail(unexpected_packet(type.value(), "a query"));
    }
  }
}

Status Connection::skip_progress() {
  // read_rows, read_bytes, then fields that depend on the revision.
  int fields = 2;
  if (revision_ >= rev::kTotalRowsInProgress) ++fields;
  if (revision_ >= rev::kTotalBytesInProgress) ++fields;
  if (revision_ >= rev::kClientWriteInfo) fields += 2;
  if (revision_ >= rev::kServerQueryTimeInProgress) ++fields;
  for (int i = 0; i < fields; ++i) {
    if (auto v = reader_.read_varuint(); !v.ok()) return v.error();
  }
  return Status::success();
}

Status Connection::ping() {
  SLUICE_RETURN_IF_ERROR(check_usable(State::Idle));
  writer_.write_varuint(static_cast<uint64_t>(ClientPacket::Ping));
  if (Status st = writer_.flush(); !st.ok()) return fail(st.error());
  for (;;) {
    auto type = reader_.read_varuint();
    if (!type.ok()) return fail(type.error());
    if (type.value() == static_cast<uint64_t>(ServerPacket::Pong)) return Status::success();
    if (type.value() != static_cast<uint64_t>(ServerPacket::Progress)) {
      return fail(unexpected_packet(type.value(), "ping"));
    }
    if (Status st = skip_progress(); !st.ok()) return fail(st.error());
  }
}

Status Connection::execute(std::string_view sql, const Settings& settings) {
  SLUICE_RETURN_IF_ERROR(check_usable(State::Idle));
  SLUICE_RETURN_IF_ERROR(send_query(sql, settings));
  return read_response(Until::EndOfStream, nullptr, nullptr);
}

Result<QueryResult> Connection::query(std::string_view sql, const Settings& settings) {
  SLUICE_RETURN_IF_ERROR(check_usable(State::Idle));
  SLUICE_RETURN_IF_ERROR(send_query(sql, settings));
  QueryResult result;
  SLUICE_RETURN_IF_ERROR(read_response(Until::EndOfStream, &result, nullptr));
  return result;
}

Result<std::vector<ColumnHeader>> Connection::begin_insert(std::string_view insert_sql,
                                                           const Settings& settings) {
  SLUICE_RETURN_IF_ERROR(check_usable(State::Idle));
  SLUICE_RETURN_IF_ERROR(send_query(insert_sql, settings));
  std::vector<ColumnHeader> header;
  SLUICE_RETURN_IF_ERROR(read_response(Until::InsertHeader, nullptr, &header));
  state_ = State::Inserting;
  return header;
}

Status Connection::send_block(std::string_view native_block_body) {
  SLUICE_RETURN_IF_ERROR(check_usable(State::Inserting));
  if (native_block_body.empty()) {
    return Error(ErrorCode::InvalidArgument, "send_block: empty block body (use end_insert)");
  }
  if (Status st = write_data_packet(native_block_body); !st.ok()) return fail(st.error());
  if (Status st = writer_.flush(); !st.ok()) return fail(st.error());
  return Status::success();
}

Status Connection::end_insert() {
  SLUICE_RETURN_IF_ERROR(check_usable(State::Inserting));
  state_ = State::Idle;
  if (Status st = write_data_packet({}); !st.ok()) return fail(st.error());
  if (Status st = writer_.flush(); !st.ok()) return fail(st.error());
  return read_response(Until::EndOfStream, nullptr, nullptr);
}

}  // namespace sluice::clickhouse
