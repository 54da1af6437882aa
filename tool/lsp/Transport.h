//===- lsp/Transport.h - JSON-RPC message framing ---------------*- C++ -*-===//
//
// Reads and writes LSP base-protocol messages: a header block with
// Content-Length, a blank line, then that many bytes of JSON. The delimited
// style (lit tests, like clangd's) instead separates messages by `---` lines,
// skips `#` comment lines, and pretty-prints what it writes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/Twine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace aliasguard::lsp {

enum class LogLevel { Error, Info, Verbose };

/// Thread-safe log lines on stderr (stdout carries only protocol messages).
class Logger {
public:
  explicit Logger(LogLevel Level) : Level(Level) {}
  bool enabled(LogLevel L) const { return L <= Level; }
  void log(LogLevel L, const llvm::Twine &Message);
  void error(const llvm::Twine &M) { log(LogLevel::Error, M); }
  void info(const llvm::Twine &M) { log(LogLevel::Info, M); }
  void verbose(const llvm::Twine &M) { log(LogLevel::Verbose, M); }

private:
  LogLevel Level;
  std::mutex Mutex;
};

enum class InputStyle { Standard, Delimited };

class Transport {
public:
  Transport(std::FILE *In, llvm::raw_ostream &Out, InputStyle Style, bool Pretty,
            Logger &Log)
      : In(In), Out(Out), Style(Style), Pretty(Pretty), Log(Log) {}

  enum class ReadStatus {
    Message,      ///< Body holds one message's bytes.
    FramingError, ///< Error says why; the reader has resynchronised.
    EndOfInput,
  };
  /// Reads the next message. After a framing error the reader skips input up
  /// to the next `Content-Length:` header, so one bad message costs one error.
  ReadStatus read(std::string &Body, std::string &Error);

  /// Writes one message; safe to call from any thread.
  void send(const llvm::json::Value &Message);

  /// Larger bodies are rejected (and skipped) as framing errors.
  static constexpr uint64_t MaxMessageBytes = 256u << 20;

private:
  ReadStatus readStandard(std::string &Body, std::string &Error);
  ReadStatus readDelimited(std::string &Body);
  /// One line without its "\n"; false at end of input with nothing read.
  bool readLine(std::string &Line);
  /// Reads (or with Dest null, skips) \p N bytes; false at end of input.
  bool readBytes(uint64_t N, std::string *Dest);

  std::FILE *In;
  llvm::raw_ostream &Out;
  InputStyle Style;
  bool Pretty;
  Logger &Log;
  bool Resynchronising = false;
  std::mutex OutMutex;
};

} // namespace aliasguard::lsp
