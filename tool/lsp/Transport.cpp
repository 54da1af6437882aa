//===- lsp/Transport.cpp - JSON-RPC message framing -----------------------===//
#include "lsp/Transport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <cstdlib>
#include <stdio.h>

using namespace llvm;

namespace aliasguard::lsp {

void Logger::log(LogLevel L, const Twine &Message) {
  if (!enabled(L))
    return;
  char Tag = L == LogLevel::Error ? 'E' : L == LogLevel::Info ? 'I' : 'V';
  std::string Line =
      formatv("{0}[{1:%H:%M:%S.%L}] {2}\n", Tag, std::chrono::system_clock::now(),
              Message.str())
          .str();
  std::lock_guard<std::mutex> Lock(Mutex);
  errs() << Line;
  errs().flush();
}

bool Transport::readLine(std::string &Line) {
  Line.clear();
  // POSIX getline: lines of any length, NUL bytes included.
  char *Buf = nullptr;
  size_t Capacity = 0;
  ssize_t N;
  while ((N = ::getline(&Buf, &Capacity, In)) < 0 && std::ferror(In) && errno == EINTR)
    std::clearerr(In);
  if (N > 0) {
    Line.assign(Buf, static_cast<size_t>(N));
    if (Line.back() == '\n')
      Line.pop_back();
  }
  std::free(Buf);
  return N > 0;
}

bool Transport::readBytes(uint64_t N, std::string *Dest) {
  char Buf[65536];
  while (N) {
    size_t Want = static_cast<size_t>(std::min<uint64_t>(N, sizeof(Buf)));
    size_t Got = std::fread(Buf, 1, Want, In);
    if (Got == 0) {
      if (std::ferror(In) && errno == EINTR) {
        std::clearerr(In);
        continue;
      }
      return false;
    }
    if (Dest)
      Dest->append(Buf, Got);
    N -= Got;
  }
  return true;
}

/// RFC 7230 token characters: what a header name may consist of.
static bool isTokenChar(char C) {
  return isAlnum(C) || StringRef("!#$%&'*+-.^_`|~").contains(C);
}

Transport::ReadStatus Transport::readStandard(std::string &Body, std::string &Error) {
  std::optional<uint64_t> Length;
  bool InHeader = false;
  std::string Line;
  while (true) {
    if (!readLine(Line)) {
      if (InHeader)
        Log.error("end of input inside a message header");
      return ReadStatus::EndOfInput;
    }
    if (Resynchronising) {
      size_t Pos = StringRef(Line).find_insensitive("content-length:");
      if (Pos == StringRef::npos)
        continue;
      Line.erase(0, Pos);
      Resynchronising = false;
    }
    StringRef L(Line);
    L.consume_back("\r");
    if (L.empty()) {
      if (!InHeader)
        continue; // Blank lines between messages are harmless.
      break;
    }
    InHeader = true;
    size_t Colon = L.find(':');
    StringRef Name = L.take_front(Colon);
    if (Colon == StringRef::npos || Name.empty() || !all_of(Name, isTokenChar)) {
      Error = ("invalid message header line '" + L.take_front(80) + "'").str();
      Resynchronising = true;
      return ReadStatus::FramingError;
    }
    if (Name.equals_insensitive("content-length")) {
      uint64_t N;
      if (L.drop_front(Colon + 1).trim().getAsInteger(10, N)) {
        Error = ("invalid Content-Length '" + L.drop_front(Colon + 1).trim().take_front(40) +
                 "'")
                    .str();
        Resynchronising = true;
        return ReadStatus::FramingError;
      }
      Length = N;
    }
    // Other headers (Content-Type) carry nothing the server needs.
  }
  if (!Length) {
    Error = "message header without Content-Length";
    Resynchronising = true;
    return ReadStatus::FramingError;
  }
  if (*Length > MaxMessageBytes) {
    Error = formatv("Content-Length {0} exceeds the limit of {1} bytes; message skipped",
                    *Length, MaxMessageBytes)
                .str();
    // Reported even when the input ends first: the next read says so.
    readBytes(*Length, nullptr);
    return ReadStatus::FramingError;
  }
  Body.clear();
  Body.reserve(*Length);
  if (!readBytes(*Length, &Body)) {
    Log.error(formatv("end of input inside a message body ({0} of {1} bytes)", Body.size(),
                      *Length));
    return ReadStatus::EndOfInput;
  }
  return ReadStatus::Message;
}

Transport::ReadStatus Transport::readDelimited(std::string &Body) {
  Body.clear();
  std::string Line;
  while (readLine(Line)) {
    StringRef L(Line);
    L.consume_back("\r");
    if (L.starts_with("#"))
      continue;
    if (L.trim() == "---") {
      if (!StringRef(Body).trim().empty())
        return ReadStatus::Message;
      Body.clear();
      continue;
    }
    Body.append(L.begin(), L.end());
    Body += '\n';
  }
  return StringRef(Body).trim().empty() ? ReadStatus::EndOfInput : ReadStatus::Message;
}

Transport::ReadStatus Transport::read(std::string &Body, std::string &Error) {
  return Style == InputStyle::Standard ? readStandard(Body, Error) : readDelimited(Body);
}

void Transport::send(const json::Value &Message) {
  std::string Text;
  raw_string_ostream OS(Text);
  if (Pretty)
    OS << formatv("{0:2}", Message);
  else
    OS << Message;
  std::lock_guard<std::mutex> Lock(OutMutex);
  Out << "Content-Length: " << Text.size() << "\r\n\r\n" << Text;
  // Pretty output is for people reading test logs: one message per block.
  if (Pretty)
    Out << "\n";
  Out.flush();
}

} // namespace aliasguard::lsp
