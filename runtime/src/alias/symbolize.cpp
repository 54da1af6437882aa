#include "symbolize.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <dlfcn.h>
#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace ag::detail::alias {

namespace {

// A symbolizer that does not answer within this time is considered hung and
// abandoned: a report is better printed without file:line than never.
constexpr int kAnswerTimeoutMs = 30'000;
// A long-lived llvm-symbolizer that dies this many times is not restarted.
constexpr int kMaxSymbolizerFailures = 3;
// An answer is a few lines per inlined frame; a symbolizer that prints more
// without ending its answer is not a symbolizer.
constexpr size_t kMaxAnswerBytes = 1 << 20;

enum class Backend { LlvmSymbolizer, Addr2line, None };

struct Module {
  std::string path;
  uintptr_t offset = 0; // what the symbolizer expects: file vaddr of the pc
};

// The process-wide symbolizer state. Never destroyed: reports may be printed
// from atexit handlers and other threads while static destructors run.
struct State {
  std::mutex mutex;
  std::unordered_map<uintptr_t, std::vector<Frame>> cache;
  std::string configured_path; // set_symbolizer_path()
  bool resolved = false;       // backend/tool chosen
  Backend backend = Backend::None;
  std::string tool;
  // The long-lived llvm-symbolizer: one socket for its stdin and stdout.
  pid_t child = -1;
  int fd = -1;
  std::string buffer; // bytes read past the previous answer
  int failures = 0;
  std::string exe_path;
};

State &state() {
  static State *s = [] {
    auto *created = new State;
    // A fork()ed child must not share our symbolizer process (answers would
    // interleave) and must not inherit a locked mutex.
    pthread_atfork([] { state().mutex.lock(); }, [] { state().mutex.unlock(); },
                   [] {
                     State &st = state();
                     if (st.fd >= 0)
                       ::close(st.fd);
                     st.fd = -1;
                     st.child = -1; // the parent's child, not ours to reap
                     st.buffer.clear();
                     st.mutex.unlock();
                   });
    return created;
  }();
  return *s;
}

std::string hex(uintptr_t value) {
  char text[2 + 2 * sizeof(uintptr_t) + 1];
  std::snprintf(text, sizeof text, "0x%jx", static_cast<uintmax_t>(value));
  return text;
}

bool is_executable_file(const std::string &path) {
  struct stat st;
  return !path.empty() && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

std::string search_path(std::string_view name) {
  const char *path = std::getenv("PATH");
  if (!path)
    return {};
  std::string_view dirs = path;
  while (true) {
    size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    std::string candidate = (dir.empty() ? std::string(".") : std::string(dir)) + "/";
    candidate += name;
    if (is_executable_file(candidate))
      return candidate;
    if (colon == std::string_view::npos)
      return {};
    dirs.remove_prefix(colon + 1);
  }
}

Backend backend_of(const std::string &tool) {
  std::string_view base = tool;
  if (size_t slash = base.rfind('/'); slash != std::string_view::npos)
    base.remove_prefix(slash + 1);
  return base.find("addr2line") != std::string_view::npos ? Backend::Addr2line
                                                          : Backend::LlvmSymbolizer;
}

// The order: set_symbolizer_path, AG_SYMBOLIZER_PATH, llvm-symbolizer on
// PATH (unversioned, then LLVM 19's), LLVM 19's install directory, addr2line.
void resolve_backend(State &st) {
  st.resolved = true;
  if (is_executable_file(st.configured_path)) {
    st.tool = st.configured_path;
    st.backend = backend_of(st.tool);
    return;
  }
  if (const char *env = std::getenv("AG_SYMBOLIZER_PATH"); env && *env) {
    if (is_executable_file(env)) {
      st.tool = env;
      st.backend = backend_of(st.tool);
      return;
    }
    std::fprintf(stderr,
                 "aliasguard: AG_SYMBOLIZER_PATH '%s' is not an executable file; "
                 "searching PATH for llvm-symbolizer\n",
                 env);
  }
  for (std::string_view name : {"llvm-symbolizer", "llvm-symbolizer-19"}) {
    if (std::string found = search_path(name); !found.empty()) {
      st.tool = found;
      st.backend = Backend::LlvmSymbolizer;
      return;
    }
  }
  if (is_executable_file("/usr/lib/llvm-19/bin/llvm-symbolizer")) {
    st.tool = "/usr/lib/llvm-19/bin/llvm-symbolizer";
    st.backend = Backend::LlvmSymbolizer;
    return;
  }
  if (std::string found = search_path("addr2line"); !found.empty()) {
    st.tool = found;
    st.backend = Backend::Addr2line;
    return;
  }
  st.backend = Backend::None;
}

// Moves fd to a number >= 3 (so that the child's dup2 onto 0/1 never hits
// it), close-on-exec. Returns -1 and closes fd on failure.
int move_above_stdio(int fd) {
  if (fd > 2)
    return fd;
  int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  ::close(fd);
  return moved;
}

// Starts `argv` with stdin = in_fd, stdout = out_fd, stderr = /dev/null, no
// other descriptor of ours, default signal mask. Returns the pid or -1.
pid_t spawn(const std::vector<std::string> &args, int in_fd, int out_fd) {
  std::vector<char *> argv;
  for (const std::string &a : args)
    argv.push_back(const_cast<char *>(a.c_str()));
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  if (posix_spawn_file_actions_init(&actions) != 0)
    return -1;
  posix_spawnattr_t attr;
  if (posix_spawnattr_init(&attr) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return -1;
  }
  posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // The user's descriptors without O_CLOEXEC (a pipe's write end, say) must
  // not stay open in a process that lives as long as the program.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc == 0 ? pid : -1;
}

void reap(pid_t pid) {
  if (pid <= 0)
    return;
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

void stop_symbolizer(State &st) {
  if (st.fd >= 0)
    ::close(st.fd);
  st.fd = -1;
  reap(st.child);
  st.child = -1;
  st.buffer.clear();
}

bool start_llvm_symbolizer(State &st) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return false;
  int ours = move_above_stdio(fds[0]);
  int theirs = move_above_stdio(fds[1]);
  if (ours < 0 || theirs < 0) {
    if (ours >= 0)
      ::close(ours);
    if (theirs >= 0)
      ::close(theirs);
    return false;
  }
  // --relative-names: file names as the compiler was given them, like
  // std::source_location's, so both kinds of sites print alike.
  pid_t pid = spawn({st.tool, "--inlining", "--demangle", "--functions=linkage",
                     "--relativenames", "--output-style=LLVM"},
                    theirs, theirs);
  ::close(theirs);
  if (pid < 0) {
    ::close(ours);
    return false;
  }
  st.child = pid;
  st.fd = ours;
  st.buffer.clear();
  return true;
}

using Clock = std::chrono::steady_clock;

// Waits for fd to be readable until the deadline; false on timeout or error.
bool wait_readable(int fd, Clock::time_point deadline) {
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0)
      return false;
    pollfd p{fd, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
    if (rc > 0)
      return true;
    if (rc < 0 && errno != EINTR)
      return false;
  }
}

// Reads more of fd into `out`; false on EOF, error, timeout or an answer
// too long.
bool read_more(int fd, std::string &out, Clock::time_point deadline) {
  if (out.size() > kMaxAnswerBytes || !wait_readable(fd, deadline))
    return false;
  char chunk[4096];
  while (true) {
    ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got > 0) {
      out.append(chunk, static_cast<size_t>(got));
      return true;
    }
    if (got < 0 && errno == EINTR)
      continue;
    return false;
  }
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    // MSG_NOSIGNAL: a dead symbolizer is an EPIPE here, not a SIGPIPE that
    // kills the user's program.
    ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

unsigned to_unsigned(std::string_view s) {
  unsigned long long value = 0;
  for (char c : s) {
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > 0xffffffffull)
      return 0;
  }
  return static_cast<unsigned>(value);
}

// "file:line:col" (llvm-symbolizer) or "file:line (discriminator N)"
// (addr2line); "??:0:0" / "??:0" / "??:?" when unknown. File names may hold
// ':', so the numbers are taken from the right.
void parse_location(std::string_view text, bool has_column, Frame &frame) {
  if (size_t disc = text.find(" (discriminator "); disc != std::string_view::npos)
    text = text.substr(0, disc);
  auto take_number = [&](unsigned &out) {
    size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || !all_digits(text.substr(colon + 1)))
      return false;
    out = to_unsigned(text.substr(colon + 1));
    text = text.substr(0, colon);
    return true;
  };
  unsigned column = 0, line = 0;
  if (has_column && !take_number(column))
    column = 0;
  if (!take_number(line)) {
    // "??:?" from addr2line, or no line at all.
    if (size_t colon = text.rfind(':'); colon != std::string_view::npos &&
                                        text.substr(colon + 1) == "?")
      text = text.substr(0, colon);
    line = 0;
  }
  if (text == "??" || text.empty())
    return;
  frame.file = std::string(text);
  frame.line = line;
  frame.column = column;
}

// Pairs of "function\nlocation\n" lines; an incomplete trailing pair is
// dropped.
std::vector<Frame> parse_answer(std::string_view text, bool has_column) {
  std::vector<Frame> frames;
  while (true) {
    size_t first = text.find('\n');
    if (first == std::string_view::npos)
      break;
    size_t second = text.find('\n', first + 1);
    if (second == std::string_view::npos)
      break;
    std::string_view function = text.substr(0, first);
    std::string_view location = text.substr(first + 1, second - first - 1);
    text.remove_prefix(second + 1);
    if (function.empty())
      break; // the blank line that ends an llvm-symbolizer answer
    Frame frame;
    if (function != "??")
      frame.function = std::string(function);
    parse_location(location, has_column, frame);
    frames.push_back(std::move(frame));
  }
  return frames;
}

std::optional<std::vector<Frame>> ask_llvm_symbolizer(State &st, const Module &module) {
  // Quoted so that paths with spaces work; a path that cannot be quoted on
  // one line is not asked about.
  if (module.path.find_first_of("\"\n") != std::string::npos)
    return std::nullopt;
  std::string query = "\"" + module.path + "\" " + hex(module.offset) + "\n";
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (st.failures >= kMaxSymbolizerFailures)
      return std::nullopt;
    if (st.fd < 0 && !start_llvm_symbolizer(st)) {
      st.failures = kMaxSymbolizerFailures; // cannot even start: give up
      return std::nullopt;
    }
    auto deadline = Clock::now() + std::chrono::milliseconds(kAnswerTimeoutMs);
    bool ok = send_all(st.fd, query);
    size_t end = std::string::npos;
    size_t scanned = 0;
    // Every answer (even "??\n??:0:0\n") ends with an empty line.
    while (ok) {
      end = st.buffer.find("\n\n", scanned);
      if (end != std::string::npos)
        break;
      scanned = st.buffer.empty() ? 0 : st.buffer.size() - 1;
      ok = read_more(st.fd, st.buffer, deadline);
    }
    if (ok) {
      std::vector<Frame> frames = parse_answer(std::string_view(st.buffer).substr(0, end + 2),
                                               /*has_column=*/true);
      st.buffer.erase(0, end + 2);
      return frames;
    }
    // Hung or babbling: not worth a restart. Died: maybe one bad input.
    bool fatal = Clock::now() >= deadline || st.buffer.size() > kMaxAnswerBytes;
    stop_symbolizer(st);
    st.failures = fatal ? kMaxSymbolizerFailures : st.failures + 1;
  }
  return std::nullopt;
}

std::optional<std::vector<Frame>> ask_addr2line(State &st, const Module &module) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return std::nullopt;
  int read_end = move_above_stdio(fds[0]);
  int write_end = move_above_stdio(fds[1]);
  int null_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (read_end < 0 || write_end < 0 || null_in < 0) {
    for (int fd : {read_end, write_end, null_in})
      if (fd >= 0)
        ::close(fd);
    return std::nullopt;
  }
  null_in = move_above_stdio(null_in);
  pid_t pid = null_in < 0 ? -1
                          : spawn({st.tool, "-C", "-f", "-i", "-e", module.path, hex(module.offset)},
                                  null_in, write_end);
  ::close(write_end);
  if (null_in >= 0)
    ::close(null_in);
  if (pid < 0) {
    ::close(read_end);
    return std::nullopt;
  }
  std::string output;
  auto deadline = Clock::now() + std::chrono::milliseconds(kAnswerTimeoutMs);
  while (read_more(read_end, output, deadline)) {
  }
  bool failed = Clock::now() >= deadline || output.size() > kMaxAnswerBytes;
  ::close(read_end);
  reap(pid);
  if (failed)
    return std::nullopt;
  return parse_answer(output, /*has_column=*/false);
}

std::string main_executable_path(State &st) {
  if (st.exe_path.empty()) {
    char path[4096];
    ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (n > 0)
      st.exe_path.assign(path, static_cast<size_t>(n));
  }
  return st.exe_path;
}

struct ModuleSearch {
  uintptr_t address = 0;
  bool found = false;
  bool main_program = false;
  std::string name;
  uintptr_t bias = 0;
};

// The loaded object whose PT_LOAD segment holds the address. dlpi_addr is the
// load bias: 0 for a non-PIE (ET_EXEC) executable, whose addresses are
// absolute, and the base for PIE executables and shared objects, whose
// addresses in the file start at their first segment's p_vaddr.
std::optional<Module> find_module(State &st, uintptr_t address) {
  ModuleSearch search;
  search.address = address;
  dl_iterate_phdr(
      [](dl_phdr_info *info, size_t, void *data) {
        auto *s = static_cast<ModuleSearch *>(data);
        for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr) &ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_LOAD)
            continue;
          uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
          if (s->address >= begin && s->address - begin < ph.p_memsz) {
            s->found = true;
            // The main program comes first and has no name (dladdr gives
            // argv[0], which need not be a path to it).
            s->main_program = !info->dlpi_name || !*info->dlpi_name;
            s->name = s->main_program ? "" : info->dlpi_name;
            s->bias = info->dlpi_addr;
            return 1;
          }
        }
        return 0;
      },
      &search);
  if (!search.found)
    return std::nullopt;
  Module module;
  module.path = search.main_program ? main_executable_path(st) : search.name;
  module.offset = address - search.bias;
  if (module.path.empty())
    return std::nullopt;
  return module;
}

std::string demangle(const char *name) {
  int status = 0;
  char *demangled = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string result = status == 0 && demangled ? demangled : name;
  std::free(demangled);
  return result;
}

// `address` is the call's (pc - 1); `pc` the return address.
std::vector<Frame> symbolize_uncached(State &st, uintptr_t pc, uintptr_t address) {
  std::optional<Module> module = find_module(st, address);
  std::vector<Frame> frames;
  if (module) {
    if (!st.resolved)
      resolve_backend(st);
    std::optional<std::vector<Frame>> answer;
    if (st.backend == Backend::LlvmSymbolizer)
      answer = ask_llvm_symbolizer(st, *module);
    else if (st.backend == Backend::Addr2line)
      answer = ask_addr2line(st, *module);
    if (answer)
      frames = std::move(*answer);
  }
  frames.erase(std::remove_if(frames.begin(), frames.end(),
                              [](const Frame &f) { return f.function.empty() && f.file.empty(); }),
               frames.end());
  if (!frames.empty())
    return frames;
  // No symbolizer or no answer: the dynamic symbol table (exported functions
  // only), else module+offset as the sanitizers print it.
  Frame frame;
  Dl_info info;
  if (::dladdr(reinterpret_cast<void *>(address), &info) != 0 && info.dli_sname &&
      info.dli_saddr)
    frame.function = demangle(info.dli_sname);
  else if (module) // the return address's offset, as the sanitizers print
    frame.function = module->path + "+" + hex(module->offset + (address != pc));
  else
    frame.function = "<unknown module>+" + hex(pc);
  frames.push_back(std::move(frame));
  return frames;
}

} // namespace

bool set_symbolizer_path(std::string path, std::string &error) {
  if (!path.empty() && !is_executable_file(path)) {
    error = "symbolizer_path '" + path + "' is not an executable file";
    return false;
  }
  State &st = state();
  std::lock_guard<std::mutex> lock(st.mutex);
  if (path == st.configured_path)
    return true;
  stop_symbolizer(st);
  st.configured_path = std::move(path);
  st.resolved = false;
  st.failures = 0;
  return true;
}

std::vector<Frame> symbolize(const void *pc) {
  uintptr_t return_address = reinterpret_cast<uintptr_t>(pc);
  // The call is the instruction before the return address (and may be the
  // last of an inlined callee, which the return address is not).
  uintptr_t call = return_address == 0 ? 0 : return_address - 1;
  State &st = state();
  std::lock_guard<std::mutex> lock(st.mutex);
  auto cached = st.cache.find(return_address);
  if (cached != st.cache.end())
    return cached->second;
  std::vector<Frame> frames = symbolize_uncached(st, return_address, call);
  st.cache.emplace(return_address, frames);
  return frames;
}

[[gnu::noinline]] std::vector<const void *> capture_stack(int skip, int max) {
  if (max <= 0)
    return {};
  skip = std::max(skip, 0);
  // The stack starts at our own return address, found rather than assumed to
  // be entry 1: backtrace() interceptors (the sanitizers') add frames of
  // their own.
  const void *own_return = __builtin_return_address(0);
  constexpr int kSlack = 8;
  std::vector<void *> raw(static_cast<size_t>(skip) + static_cast<size_t>(max) + kSlack);
  int got = ::backtrace(raw.data(), static_cast<int>(raw.size()));
  int first = 1;
  for (int i = 0; i < std::min(got, kSlack); ++i) {
    if (raw[static_cast<size_t>(i)] == own_return) {
      first = i;
      break;
    }
  }
  std::vector<const void *> stack;
  for (int i = first + skip; i < got && static_cast<int>(stack.size()) < max; ++i)
    stack.push_back(raw[static_cast<size_t>(i)]);
  return stack;
}

} // namespace ag::detail::alias
