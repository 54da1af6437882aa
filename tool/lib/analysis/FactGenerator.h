//===- analysis/FactGenerator.h - AST to facts, once per function -*- C++ -*-===//
#pragma once

#include "analysis/Facts.h"
#include "analysis/Summaries.h"

#include "aliasguard/ApiModel.h"

#include <memory>

namespace aliasguard {

/// Builds \p FD's CFG and its facts, element by element in reverse
/// post-order. Calls to functions with a summary in \p Summaries apply it;
/// the model says what every other call does. Null when \p FD has no body
/// or no CFG can be built.
std::unique_ptr<FunctionFacts> generateFacts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                                             const ApiModel &Model, const SummaryMap &Summaries);

} // namespace aliasguard
