// The checked runtime's support pieces: AG_ALIAS_OPTIONS parsing,
// suppressions files, the symbolizer and the overlap geometry (runtime/src/alias).
#include "alias/options.h"
#include "alias/overlap.h"
#include "alias/suppressions.h"
#include "alias/symbolize.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <dlfcn.h>
#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ag::detail::alias;

namespace {

// --- Overlap at other positions (overlap.h) ---------------------------------

OtherPositions overlap(std::vector<int64_t> out_sizes, std::vector<int64_t> out_strides,
                       int64_t out_offset, std::vector<int64_t> in_sizes,
                       std::vector<int64_t> in_strides, int64_t in_offset) {
  return overlap_at_other_positions({out_sizes, out_strides, out_offset},
                                    {in_sizes, in_strides, in_offset});
}

TEST(AliasOverlap, SamePositionSameElementIsFine) {
  // a.add_(a), and a view of a taken twice.
  EXPECT_FALSE(overlap({3, 4}, {4, 1}, 0, {3, 4}, {4, 1}, 0));
  EXPECT_FALSE(overlap({3, 2}, {4, 1}, 1, {3, 2}, {4, 1}, 1));
  // The operand's leading dims missing (broadcast) but the element the same:
  // a row broadcast over a one-row tensor.
  EXPECT_FALSE(overlap({1, 4}, {4, 1}, 0, {4}, {1}, 0));
}

TEST(AliasOverlap, DisjointElementsAreFine) {
  // Columns 0-1 written, columns 2-3 read: bounding ranges overlap, elements do not.
  EXPECT_FALSE(overlap({3, 2}, {4, 1}, 0, {3, 2}, {4, 1}, 2));
  // Even and odd elements.
  EXPECT_FALSE(overlap({4}, {2}, 0, {4}, {2}, 1));
}

TEST(AliasOverlap, ColumnBroadcastOverItsRows) {
  // a -= a.slice(1, 0, 1) on [3, 4]: columns 1-3 read column 0, written first.
  OtherPositions found = overlap({3, 4}, {4, 1}, 0, {3, 1}, {4, 1}, 0);
  EXPECT_EQ(found.count, 9);
  EXPECT_EQ(found.read_at, 1);    // position [0, 1] ...
  EXPECT_EQ(found.written_at, 0); // ... reads the element written at [0, 0]
  EXPECT_EQ(unravel(found.read_at, std::vector<int64_t>{3, 4}), (std::vector<int64_t>{0, 1}));
}

TEST(AliasOverlap, RowBroadcastAndTranspose) {
  // a.sub_(a[0]) on [3, 4]: rows 1-2 read row 0.
  EXPECT_EQ(overlap({3, 4}, {4, 1}, 0, {4}, {1}, 0).count, 8);
  // A 2x2 block and its transpose: the two off-diagonal positions.
  OtherPositions t = overlap({2, 2}, {3, 1}, 0, {2, 2}, {1, 3}, 0);
  EXPECT_EQ(t.count, 2);
  EXPECT_EQ(t.read_at, 1);
  EXPECT_EQ(t.written_at, 2);
  // A shift by one element.
  EXPECT_EQ(overlap({5}, {1}, 1, {5}, {1}, 0).count, 4);
}

TEST(AliasOverlap, NotExaminedIsSilent) {
  // Not broadcastable to the written shape.
  EXPECT_FALSE(overlap({3, 4}, {4, 1}, 0, {2, 4}, {4, 1}, 0));
  EXPECT_FALSE(overlap({4}, {1}, 0, {2, 4}, {4, 1}, 0));
  // Empty, and larger than the limit (the operand would overlap).
  EXPECT_FALSE(overlap({0, 4}, {4, 1}, 0, {0, 1}, {4, 1}, 0));
  EXPECT_FALSE(overlap({kMaxOverlapElements + 1}, {1}, 1, {kMaxOverlapElements + 1}, {1}, 0));
}

// --- Options -----------------------------------------------------------------

// The error of parsing `text` over the defaults, or "<ok>".
std::string option_error(std::string_view text) {
  Options o;
  std::string error;
  return parse_options(text, o, error) ? "<ok>" : error;
}

TEST(AliasOptions, EmptyKeepsTheDefaults) {
  for (std::string_view text : {"", " ", ":,: \t\n"}) {
    Options o;
    std::string error;
    ASSERT_TRUE(parse_options(text, o, error)) << error;
    EXPECT_TRUE(o.enabled);
    EXPECT_EQ(o.mode, Options::Mode::Report);
    EXPECT_FALSE(o.halt_on_error);
    EXPECT_EQ(o.log_path, "");
    EXPECT_EQ(o.suppressions, "");
    EXPECT_TRUE(o.report_views);
    EXPECT_EQ(o.exitcode, 23);
    EXPECT_TRUE(o.print_summary);
    EXPECT_EQ(o.symbolizer_path, "");
  }
}

TEST(AliasOptions, EveryKeyWithEverySeparator) {
  Options o;
  std::string error;
  ASSERT_TRUE(parse_options("enabled=0:mode=abort,halt_on_error=yes log_path=/tmp/ag/run.log\t"
                            "suppressions=../ag.supp\nreport_views=false:exitcode=7,"
                            "print_summary=no  symbolizer_path=/opt/llvm/bin/llvm-symbolizer",
                            o, error))
      << error;
  EXPECT_FALSE(o.enabled);
  EXPECT_EQ(o.mode, Options::Mode::Abort);
  EXPECT_TRUE(o.halt_on_error);
  EXPECT_EQ(o.log_path, "/tmp/ag/run.log");
  EXPECT_EQ(o.suppressions, "../ag.supp");
  EXPECT_FALSE(o.report_views);
  EXPECT_EQ(o.exitcode, 7);
  EXPECT_FALSE(o.print_summary);
  EXPECT_EQ(o.symbolizer_path, "/opt/llvm/bin/llvm-symbolizer");
}

TEST(AliasOptions, BooleanSpellings) {
  struct Case {
    const char *value;
    bool expected;
  };
  for (Case c : {Case{"1", true}, Case{"true", true}, Case{"yes", true}, Case{"TRUE", true},
                 Case{"0", false}, Case{"false", false}, Case{"no", false}, Case{"No", false}}) {
    Options o;
    o.halt_on_error = !c.expected;
    std::string error;
    ASSERT_TRUE(parse_options(std::string("halt_on_error=") + c.value, o, error)) << error;
    EXPECT_EQ(o.halt_on_error, c.expected) << c.value;
  }
}

TEST(AliasOptions, ParsesOverTheGivenOptionsAndLaterKeysWin) {
  Options o;
  o.exitcode = 3;
  o.log_path = "/kept";
  std::string error;
  ASSERT_TRUE(parse_options("mode=abort:mode=report,exitcode=9:exitcode=10", o, error));
  EXPECT_EQ(o.mode, Options::Mode::Report);
  EXPECT_EQ(o.exitcode, 10);
  EXPECT_EQ(o.log_path, "/kept");
}

TEST(AliasOptions, QuotedValuesMayHoldSeparators) {
  Options o;
  std::string error;
  ASSERT_TRUE(
      parse_options("log_path='/tmp/my logs/a:b',suppressions=\"x y.supp\" mode=abort", o, error))
      << error;
  EXPECT_EQ(o.log_path, "/tmp/my logs/a:b");
  EXPECT_EQ(o.suppressions, "x y.supp");
  EXPECT_EQ(o.mode, Options::Mode::Abort);
  EXPECT_EQ(option_error("log_path='/tmp/x"),
            "unterminated single quote in the value of option 'log_path'");
  EXPECT_EQ(option_error("log_path=\"a\"b"),
            "expected a separator after the quoted value of option 'log_path'");
}

TEST(AliasOptions, EmptyStringValueIsAllowed) {
  Options o;
  o.log_path = "/x";
  std::string error;
  ASSERT_TRUE(parse_options("log_path=:mode=abort", o, error)) << error;
  EXPECT_EQ(o.log_path, "");
  EXPECT_EQ(o.mode, Options::Mode::Abort);
}

TEST(AliasOptions, UnknownKeyNamesTheKnownOnes) {
  EXPECT_EQ(option_error("exitcode=3:halt_on_eror=1"),
            "unknown option 'halt_on_eror' (known: enabled, mode, halt_on_error, log_path, "
            "suppressions, report_views, exitcode, print_summary, symbolizer_path, help)");
}

TEST(AliasOptions, HelpPrintsEveryOptionWithItsValues) {
  Options o;
  std::string error;
  ASSERT_TRUE(parse_options("help=1:exitcode=7", o, error)) << error;
  EXPECT_TRUE(o.help);
  std::FILE *f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  print_options_help(f, o);
  std::rewind(f);
  std::string text;
  char buffer[4096];
  while (size_t got = std::fread(buffer, 1, sizeof buffer, f))
    text.append(buffer, got);
  std::fclose(f);
  EXPECT_EQ(text.rfind("Available flags for aliasguard (AG_ALIAS_OPTIONS):\n", 0), 0u) << text;
  for (const char *name : {"enabled", "mode", "halt_on_error", "log_path", "suppressions",
                           "report_views", "exitcode", "print_summary", "symbolizer_path", "help"})
    EXPECT_NE(text.find(std::string("\t") + name + "\n\t\t- "), std::string::npos) << name;
  EXPECT_NE(text.find("(int, default: 23, current: 7)"), std::string::npos) << text;
  EXPECT_NE(text.find("(report|abort, default: report, current: report)"), std::string::npos);
}

TEST(AliasOptions, MalformedPairs) {
  EXPECT_EQ(option_error("halt_on_error"), "expected 'key=value', got 'halt_on_error'");
  EXPECT_EQ(option_error("mode=abort:enabled"), "expected 'key=value', got 'enabled'");
  EXPECT_EQ(option_error("=1"), "expected 'key=value', got '=1'");
}

TEST(AliasOptions, BadValues) {
  EXPECT_EQ(option_error("enabled=2"),
            "option 'enabled' expects a boolean (0/1, true/false, yes/no), got '2'");
  EXPECT_EQ(option_error("report_views="),
            "option 'report_views' expects a boolean (0/1, true/false, yes/no), got ''");
  EXPECT_EQ(option_error("print_summary=on"),
            "option 'print_summary' expects a boolean (0/1, true/false, yes/no), got 'on'");
  EXPECT_EQ(option_error("mode=warn"), "option 'mode' expects 'report' or 'abort', got 'warn'");
  EXPECT_EQ(option_error("mode=Abort"), "option 'mode' expects 'report' or 'abort', got 'Abort'");
  EXPECT_EQ(option_error("exitcode=x"), "option 'exitcode' expects an integer, got 'x'");
  EXPECT_EQ(option_error("exitcode="), "option 'exitcode' expects an integer, got ''");
  EXPECT_EQ(option_error("exitcode=1.5"), "option 'exitcode' expects an integer, got '1.5'");
  EXPECT_EQ(option_error("exitcode=+1"), "option 'exitcode' expects an integer, got '+1'");
}

TEST(AliasOptions, ExitCodeBounds) {
  for (const char *ok : {"0", "1", "255"}) {
    Options o;
    std::string error;
    ASSERT_TRUE(parse_options(std::string("exitcode=") + ok, o, error)) << error;
    EXPECT_EQ(o.exitcode, std::atoi(ok));
  }
  for (const char *bad : {"256", "-1", "99999999999999999999"}) {
    EXPECT_EQ(option_error(std::string("exitcode=") + bad),
              std::string("option 'exitcode' expects an integer in [0, 255], got '") + bad + "'");
  }
}

TEST(AliasOptions, AnErrorLeavesTheOptionsUnchanged) {
  Options o;
  std::string error;
  EXPECT_FALSE(parse_options("exitcode=5:mode=abort:enabled=maybe", o, error));
  EXPECT_EQ(o.exitcode, 23);
  EXPECT_EQ(o.mode, Options::Mode::Report);
  EXPECT_TRUE(o.enabled);
}

// --- Suppressions ------------------------------------------------------------

Frame frame(std::string function, std::string file = "", unsigned line = 0) {
  Frame f;
  f.function = std::move(function);
  f.file = std::move(file);
  f.line = line;
  return f;
}

std::string parse_error(std::string_view text) {
  Suppressions s;
  std::string error;
  return s.parse(text, "ag.supp", error) ? "<ok>" : error;
}

// Whether the glob `pattern` matches the whole of `text` (as a function name
// without parameters).
bool glob(const std::string &pattern, const std::string &text) {
  Suppressions s;
  std::string error;
  EXPECT_TRUE(s.parse("*:" + pattern, "glob", error)) << error;
  return s.matches(ReportKind::ViewMutation, {frame(text)});
}

TEST(AliasSuppressions, GlobMatchesTheWholeString) {
  EXPECT_TRUE(glob("abc", "abc"));
  EXPECT_FALSE(glob("abc", "abcd"));
  EXPECT_FALSE(glob("bc", "abc"));
  EXPECT_TRUE(glob("*", "anything"));
  EXPECT_TRUE(glob("**", "x"));
  EXPECT_TRUE(glob("a*", "a"));
  EXPECT_TRUE(glob("*c", "abc"));
  EXPECT_TRUE(glob("a*c", "abbbc"));
  EXPECT_FALSE(glob("a*c", "abcb"));
  EXPECT_TRUE(glob("a*b*c", "aXbYc"));
  EXPECT_FALSE(glob("a*b*c", "aXbY"));
  EXPECT_TRUE(glob("a*ab", "aaab")); // needs backtracking
  EXPECT_TRUE(glob("*a*a*a*b", "aaaaaaaaab"));
  EXPECT_FALSE(glob("*a*a*a*b", "aaaaaaaaaa"));
  EXPECT_TRUE(glob("a?c", "abc"));
  EXPECT_FALSE(glob("a?c", "ac"));
  EXPECT_FALSE(glob("?", ""));
  EXPECT_TRUE(glob("?*", "x"));
  EXPECT_TRUE(glob("ns::*::f", "ns::inner::f"));
  EXPECT_TRUE(glob("a*", "a*b")); // '*' in the text is an ordinary character
  EXPECT_FALSE(glob("A", "a"));   // case-sensitive
}

TEST(AliasSuppressions, PatternsMatchFunctionFileAndLine) {
  std::vector<Frame> frames = {
      frame("ns::update(ag::Tensor&) const", "/home/u/proj/src/model.cpp", 42)};
  auto matches = [&](const std::string &pattern) {
    Suppressions s;
    std::string error;
    EXPECT_TRUE(s.parse("view-mutation:" + pattern, "t", error)) << error;
    return s.matches(ReportKind::ViewMutation, frames);
  };
  EXPECT_TRUE(matches("ns::update(ag::Tensor&) const"));
  EXPECT_TRUE(matches("ns::update"));
  EXPECT_TRUE(matches("ns::upd*"));
  EXPECT_TRUE(matches("*::update"));
  EXPECT_TRUE(matches("ns::updat?"));
  EXPECT_FALSE(matches("ns::updat"));
  EXPECT_FALSE(matches("update"));
  EXPECT_TRUE(matches("/home/u/proj/src/model.cpp"));
  EXPECT_TRUE(matches("model.cpp"));
  EXPECT_TRUE(matches("*/src/model.cpp"));
  EXPECT_TRUE(matches("*.cpp"));
  EXPECT_FALSE(matches("*.h"));
  EXPECT_FALSE(matches("src/model.cpp"));
  EXPECT_TRUE(matches("model.cpp:42"));
  EXPECT_TRUE(matches("/home/u/proj/src/model.cpp:42"));
  EXPECT_TRUE(matches("model.cpp:4?"));
  EXPECT_FALSE(matches("model.cpp:43"));
  EXPECT_FALSE(matches("model.cpp:4"));
}

TEST(AliasSuppressions, FramesWithoutLineOrFile) {
  Suppressions s;
  std::string error;
  ASSERT_TRUE(s.parse("*:model.cpp:0\n*:*.cpp:*\n", "t", error)) << error;
  // No line: "model.cpp:0" and "model.cpp:*" are not candidates.
  EXPECT_FALSE(s.matches(ReportKind::ViewMutation, {frame("f", "/x/model.cpp", 0)}));
  EXPECT_FALSE(s.matches(ReportKind::ViewMutation, {frame("/lib/libfoo.so+0x10")}));
  EXPECT_TRUE(s.matches(ReportKind::ViewMutation, {frame("f", "/x/model.cpp", 7)}));
  EXPECT_FALSE(s.matches(ReportKind::ViewMutation, {}));
}

TEST(AliasSuppressions, AnyFrameOfTheReportMatches) {
  Suppressions s;
  std::string error;
  ASSERT_TRUE(s.parse("inplace-read-later:third_party/*", "t", error)) << error;
  std::vector<Frame> frames = {frame("user_fn()", "/src/app.cpp", 3),
                               frame("lib_fn()", "third_party/lib/x.cpp", 9)};
  EXPECT_TRUE(s.matches(ReportKind::InplaceReadLater, frames));
  EXPECT_FALSE(s.matches(ReportKind::InplaceReadLater, {frames[0]}));
}

TEST(AliasSuppressions, KindsAndWildcardKind) {
  Suppressions s;
  std::string error;
  ASSERT_TRUE(s.parse("param-mutation:train\nassign-instead-of-clone:step", "t", error)) << error;
  EXPECT_TRUE(s.matches(ReportKind::ParamMutation, {frame("train")}));
  EXPECT_FALSE(s.matches(ReportKind::ViewMutation, {frame("train")}));
  EXPECT_TRUE(s.matches(ReportKind::AssignInsteadOfClone, {frame("step")}));
  EXPECT_FALSE(s.matches(ReportKind::AssignInsteadOfClone, {frame("train")}));

  Suppressions any;
  ASSERT_TRUE(any.parse("*:vendor.cpp", "t", error)) << error;
  for (const ReportKindInfo &k : kReportKinds)
    EXPECT_TRUE(any.matches(k.kind, {frame("g", "/v/vendor.cpp", 1)})) << k.name;
}

TEST(AliasSuppressions, CommentsBlankLinesAndWhitespace) {
  Suppressions s;
  std::string error;
  EXPECT_TRUE(s.empty());
  ASSERT_TRUE(s.parse("# aliasguard suppressions\n"
                      "\n"
                      "   \t\n"
                      "  view-mutation :  ns::f  \r\n"
                      "   # indented comment\n"
                      "inplace-read-later:*/gen/*.cpp",
                      "t", error))
      << error;
  EXPECT_FALSE(s.empty());
  EXPECT_TRUE(s.matches(ReportKind::ViewMutation, {frame("ns::f(int)")}));
  EXPECT_TRUE(s.matches(ReportKind::InplaceReadLater, {frame("h", "/b/gen/x.cpp", 1)}));
  EXPECT_FALSE(s.matches(ReportKind::InplaceReadLater, {frame("ns::f(int)")}));
  // '#' only starts a comment at the start of a line.
  Suppressions hash;
  ASSERT_TRUE(hash.parse("view-mutation:a#b", "t", error)) << error;
  EXPECT_TRUE(hash.matches(ReportKind::ViewMutation, {frame("a#b")}));
}

TEST(AliasSuppressions, ParseErrorsNameTheLine) {
  EXPECT_EQ(parse_error("# header\nview-mutation:f\nno colon here\n"),
            "ag.supp:3: expected 'kind:pattern', got 'no colon here'");
  EXPECT_EQ(parse_error("\n\nview-mutaton:f\n"),
            "ag.supp:3: unknown kind 'view-mutaton' (expected inplace-read-later, "
            "param-mutation, assign-instead-of-clone, lost-write, view-mutation, overlapping-inplace or *)");
  EXPECT_EQ(parse_error(":f"),
            "ag.supp:1: unknown kind '' (expected inplace-read-later, "
            "param-mutation, assign-instead-of-clone, lost-write, view-mutation, overlapping-inplace or *)");
  EXPECT_EQ(parse_error("view-mutation:f\r\nparam-mutation:  \r\n"),
            "ag.supp:2: empty pattern after 'param-mutation:'");
}

TEST(AliasSuppressions, AFileWithAnErrorAddsNoRule) {
  Suppressions s;
  std::string error;
  EXPECT_FALSE(s.parse("view-mutation:f\nbogus", "t", error));
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.matches(ReportKind::ViewMutation, {frame("f")}));
  // Later texts add to the rules already there.
  ASSERT_TRUE(s.parse("view-mutation:f", "a", error));
  ASSERT_TRUE(s.parse("param-mutation:g", "b", error));
  EXPECT_TRUE(s.matches(ReportKind::ViewMutation, {frame("f")}));
  EXPECT_TRUE(s.matches(ReportKind::ParamMutation, {frame("g")}));
}

std::string temp_file(const std::string &contents) {
  char path[] = "/tmp/ag_supp_XXXXXX";
  int fd = ::mkstemp(path);
  EXPECT_GE(fd, 0);
  ::close(fd);
  std::ofstream(path) << contents;
  return path;
}

TEST(AliasSuppressions, LoadReadsAFile) {
  std::string good = temp_file("# x\nview-mutation:model.cpp:12\n");
  std::string bad = temp_file("view-mutation:f\n\nparam_mutation:g\n");
  Suppressions s;
  std::string error;
  EXPECT_TRUE(s.load(good, error)) << error;
  EXPECT_TRUE(s.matches(ReportKind::ViewMutation, {frame("f", "/p/model.cpp", 12)}));
  EXPECT_FALSE(s.load(bad, error));
  EXPECT_EQ(error, bad + ":3: unknown kind 'param_mutation' (expected inplace-read-later, "
                         "param-mutation, assign-instead-of-clone, lost-write, view-mutation, overlapping-inplace or *)");
  std::remove(good.c_str());
  std::remove(bad.c_str());

  EXPECT_FALSE(s.load("/nonexistent/ag.supp", error));
  EXPECT_EQ(error, "/nonexistent/ag.supp: cannot open suppressions file: No such file or directory");
  EXPECT_FALSE(s.load("/tmp", error));
  EXPECT_EQ(error, "/tmp: cannot read suppressions file: Is a directory");
}

// --- Symbolizer --------------------------------------------------------------

// The return address of its call: a pc in the caller at the call's line.
[[gnu::noinline]] const void *return_address_of_this_call() {
  const void *pc = __builtin_return_address(0);
  asm volatile("" ::: "memory"); // neither inlined nor folded away
  return pc;
}

bool ends_with(const std::string &s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string describe(const std::vector<Frame> &frames) {
  std::string text;
  for (const Frame &f : frames)
    text += "[" + f.function + " at " + f.file + ":" + std::to_string(f.line) + ":" +
            std::to_string(f.column) + "] ";
  return text;
}

TEST(AliasSymbolize, ReturnAddressGivesTheCallersFileAndLine) {
  // The call and __LINE__ share a line on purpose.
  const void *pc = return_address_of_this_call(); const unsigned line = __LINE__;
  std::vector<Frame> frames = symbolize(pc);
  ASSERT_FALSE(frames.empty());
  const Frame &caller = frames.front();
  EXPECT_TRUE(ends_with(caller.file, "/test_alias_support.cpp")) << describe(frames);
  EXPECT_EQ(caller.line, line) << describe(frames);
  EXPECT_NE(caller.function.find("ReturnAddressGivesTheCallersFileAndLine"), std::string::npos)
      << describe(frames);
  EXPECT_NE(caller.function.find("TestBody()"), std::string::npos) << describe(frames);
  // Cached: the same answer again.
  std::vector<Frame> again = symbolize(pc);
  EXPECT_EQ(describe(again), describe(frames));
}

TEST(AliasSymbolize, PcInASharedLibrary) {
  // A pc in libc: the module is found and its offset is relative to its
  // load address (a wrong bias would name another function or none). Looked
  // up in libc itself: in a non-PIE program &getpid is the executable's PLT
  // entry.
  void *libc = ::dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
  ASSERT_NE(libc, nullptr) << ::dlerror();
  void *getpid_in_libc = ::dlsym(libc, "getpid");
  ::dlclose(libc);
  ASSERT_NE(getpid_in_libc, nullptr);
  const void *pc = static_cast<const char *>(getpid_in_libc) + 1;
  std::vector<Frame> frames = symbolize(pc);
  ASSERT_FALSE(frames.empty());
  EXPECT_NE(frames.front().function.find("getpid"), std::string::npos) << describe(frames);
}

TEST(AliasSymbolize, BogusPcGivesAnUnknownFrame) {
  for (const void *pc : {reinterpret_cast<const void *>(0x10), static_cast<const void *>(nullptr)}) {
    std::vector<Frame> frames = symbolize(pc);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].file, "");
    EXPECT_EQ(frames[0].line, 0u);
  }
  EXPECT_EQ(symbolize(reinterpret_cast<const void *>(0x10))[0].function, "<unknown module>+0x10");
}

TEST(AliasSymbolize, ConcurrentCallsAgree) {
  const void *pc = return_address_of_this_call(); const unsigned line = __LINE__;
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] {
      std::vector<Frame> frames = symbolize(pc);
      results[i] = describe(frames);
      if (frames.front().line != line)
        results[i] += "wrong line";
    });
  for (std::thread &t : threads)
    t.join();
  for (const std::string &r : results)
    EXPECT_EQ(r, results[0]);
  EXPECT_EQ(results[0].find("wrong line"), std::string::npos) << results[0];
}

TEST(AliasSymbolize, SymbolizerPathMustBeAnExecutable) {
  std::string error;
  EXPECT_FALSE(set_symbolizer_path("/nonexistent/llvm-symbolizer", error));
  EXPECT_EQ(error, "symbolizer_path '/nonexistent/llvm-symbolizer' is not an executable file");
  EXPECT_FALSE(set_symbolizer_path("/tmp", error));
  EXPECT_EQ(error, "symbolizer_path '/tmp' is not an executable file");
  EXPECT_TRUE(set_symbolizer_path("", error));
}

std::string find_on_path(const char *name) {
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t end = path.find(':', begin);
    if (end == std::string::npos)
      end = path.size();
    std::string candidate = path.substr(begin, end - begin) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0)
      return candidate;
    begin = end + 1;
  }
  return "";
}

TEST(AliasSymbolize, Addr2lineFallback) {
  std::string addr2line = find_on_path("addr2line");
  if (addr2line.empty())
    GTEST_SKIP() << "no addr2line on PATH";
  std::string error;
  ASSERT_TRUE(set_symbolizer_path(addr2line, error)) << error;
  const void *pc = return_address_of_this_call(); const unsigned line = __LINE__;
  std::vector<Frame> frames = symbolize(pc);
  ASSERT_TRUE(set_symbolizer_path("", error)) << error;
  ASSERT_FALSE(frames.empty());
  EXPECT_TRUE(ends_with(frames.front().file, "/test_alias_support.cpp")) << describe(frames);
  EXPECT_EQ(frames.front().line, line) << describe(frames);
  EXPECT_NE(frames.front().function.find("Addr2lineFallback"), std::string::npos)
      << describe(frames);
}

// An executable script in a temporary file; removed by the destructor.
struct Script {
  std::string path;
  explicit Script(const std::string &body) {
    path = temp_file("#!/bin/sh\n" + body + "\n");
    EXPECT_EQ(::chmod(path.c_str(), 0700), 0);
  }
  ~Script() { std::remove(path.c_str()); }
};

// A symbolizer that dies, or prints without ever ending its answer, gives
// frames without a file (and neither a SIGPIPE, a hang nor a throw).
TEST(AliasSymbolize, BrokenSymbolizerGivesFramesWithoutFile) {
  Script exits("exit 3");
  Script babbles("exec yes");
  Script garbage("echo not a symbolizer");
  std::string error;
  std::vector<std::vector<Frame>> results;
  ASSERT_TRUE(set_symbolizer_path(exits.path, error)) << error;
  results.push_back(symbolize(return_address_of_this_call()));
  results.push_back(symbolize(return_address_of_this_call())); // given up: no restart
  ASSERT_TRUE(set_symbolizer_path(babbles.path, error)) << error;
  results.push_back(symbolize(return_address_of_this_call()));
  ASSERT_TRUE(set_symbolizer_path(garbage.path, error)) << error;
  results.push_back(symbolize(return_address_of_this_call()));
  ASSERT_TRUE(set_symbolizer_path("", error)) << error;
  for (const std::vector<Frame> &frames : results) {
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].file, "") << describe(frames);
    // Not exported: "<test executable>+0x<offset>".
    EXPECT_NE(frames[0].function.find("+0x"), std::string::npos) << describe(frames);
  }
}

[[gnu::noinline]] std::vector<const void *> stack_here(unsigned &line, int skip) {
  std::vector<const void *> stack = capture_stack(skip, 64); line = __LINE__;
  asm volatile("" ::: "memory"); // not a tail call
  return stack;
}

TEST(AliasSymbolize, CaptureStackStartsAtItsCaller) {
  unsigned line = 0;
  std::vector<const void *> stack = stack_here(line, 0);
  ASSERT_FALSE(stack.empty());
  std::vector<Frame> frames = symbolize(stack[0]);
  EXPECT_NE(frames.front().function.find("stack_here"), std::string::npos) << describe(frames);
  EXPECT_EQ(frames.front().line, line) << describe(frames);
  EXPECT_TRUE(ends_with(frames.front().file, "/test_alias_support.cpp")) << describe(frames);

  // skip=1: the caller of stack_here comes first.
  std::vector<const void *> skipped = stack_here(line, 1);
  ASSERT_FALSE(skipped.empty());
  std::vector<Frame> caller = symbolize(skipped[0]);
  EXPECT_NE(caller.front().function.find("CaptureStackStartsAtItsCaller"), std::string::npos)
      << describe(caller);

  EXPECT_EQ(capture_stack(0, 2).size(), 2u);
  EXPECT_TRUE(capture_stack(0, 0).empty());
}

} // namespace
