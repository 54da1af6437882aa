//===- checks/Syntactic.h - checks whose story is one expression -*- C++ -*-===//
//
// Some findings need no dataflow: the statement or the call is the whole
// story (`x.clamp(0, 1);` throws its result away; `a.sub_(a[0])` reads what
// it writes). These checks look at one function's AST directly, as a
// clang-tidy matcher would, and word their findings themselves; the driver
// (Analysis.cpp) runs them on every function it reports on, after the
// stories, and NOLINT applies to them as to every finding.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "aliasguard/Analysis.h"
#include "aliasguard/ApiModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include <vector>

namespace aliasguard {

// One finder per AG_SYNTAX_CHECK row of Checks.def (checks/<Id>.cpp):
// appends the check's findings in FD to Out.
#define AG_CHECK(Id, Name, Summary, Description, RuntimeDescription)
#define AG_SYNTAX_CHECK(Id, Name, Summary, Description, RuntimeDescription)                        \
  void find##Id(const clang::FunctionDecl &FD, clang::ASTContext &Ctx, const ApiModel &Model,      \
                std::vector<Finding> &Out);
#include "aliasguard/Checks.def"

} // namespace aliasguard
