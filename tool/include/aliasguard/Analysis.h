//===- aliasguard/Analysis.h - tensor alias analysis entry point -*- C++ -*-===//
//
// The one entry point shared by the CLI, the clang-tidy module and (later) the
// language server: analyse a parsed translation unit and get findings, each
// with its notes and fix-its, ready for any diagnostic sink.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "aliasguard/ApiModel.h"
#include "aliasguard/Checks.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace aliasguard {

struct Note {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Finding {
  CheckKind Check;
  clang::SourceLocation Loc;
  std::string Message;
  llvm::SmallVector<Note, 2> Notes;
  llvm::SmallVector<clang::FixItHint, 1> FixIts;
};

struct AnalysisOptions {
  /// Checks whose findings are wanted; a finding that several checks could
  /// report goes to the most specific enabled one.
  CheckSet Enabled = CheckSet::all();
  /// Functions in non-system headers are analysed when their file name
  /// matches this regex (functions in the main file always are).
  std::string HeaderFilter;
  /// param-mutation is judged at the callers: a caller whose handle is read
  /// after a call that wrote it through a by-value or const-reference
  /// parameter. A function that no analysed function calls (it is called
  /// from another file, or by a library) is reported where it writes the
  /// parameter, unless this is false.
  bool ParamMutationWithoutCaller = true;
  /// The model passed to analyzeTranslationUnit already has the operator
  /// schemas of this translation unit (ApiModel::addSchemasFrom): the
  /// language server derives them once per preamble, where they are
  /// declared, instead of on every edit.
  bool ModelHasSchemas = false;
};

/// Analyses every function defined in the main file (and in headers matching
/// the filter) of \p Ctx. Findings are sorted by location.
std::vector<Finding> analyzeTranslationUnit(clang::ASTContext &Ctx, const ApiModel &Model,
                                            const AnalysisOptions &Options);

/// Prints, for every function analyzeTranslationUnit reports on, its facts
/// block by block and the fixed state at each test point (`--dump-facts`;
/// a test point is `void("__aliasguard_point_<name>")` in the code).
void dumpFacts(clang::ASTContext &Ctx, const ApiModel &Model, const AnalysisOptions &Options,
               llvm::raw_ostream &OS);

} // namespace aliasguard
