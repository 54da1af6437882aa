//===- SchemaModel.cpp - derive at::Tensor's model from ATen op schemas ---===//
//
// Every ATen operator is declared as a struct `at::_ops::<op>` with a
// `static constexpr const char* schema_str` such as
//   "add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)"
//   "view(Tensor(a) self, SymInt[] size) -> Tensor(a)"
// The alias annotation on `self` says what the method of the same name does:
// `(a!)` writes self in place, `(a)` together with an `(a)` result is a view.
// Reading them from the analysed TU keeps the model in step with the LibTorch
// version the user compiles against, with no generated table to maintain.
//
//===----------------------------------------------------------------------===//
#include "aliasguard/ApiModel.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace llvm;

namespace aliasguard {

namespace {
struct ParsedSchema {
  StringRef BaseName;
  StringRef Overload;
  bool WritesSelf = false;
  bool ViewsSelf = false;
  /// No argument is written (no `!` annotation) and no generator is drawn
  /// from: calling it has no effect but its result.
  bool Pure = false;
  /// A method of Tensor (`self` first) returning one tensor.
  bool ReturnsTensorOfSelf = false;
};

std::optional<ParsedSchema> parseSchema(StringRef Schema) {
  size_t Open = Schema.find('(');
  if (Open == StringRef::npos)
    return std::nullopt;
  ParsedSchema P;
  std::tie(P.BaseName, P.Overload) = Schema.take_front(Open).split('.');
  StringRef Args = Schema.drop_front(Open + 1);
  size_t Arrow = Schema.find("->");
  StringRef Returns = Arrow == StringRef::npos ? "" : Schema.drop_front(Arrow + 2).trim();
  // Only a first argument called `self` makes the op a method of Tensor.
  if (Args.starts_with("Tensor(a!) self"))
    P.WritesSelf = true;
  else if (Args.starts_with("Tensor(a) self") && Returns.contains("(a)"))
    P.ViewsSelf = true;
  P.Pure = !Schema.contains('!') && !Args.contains("Generator");
  P.ReturnsTensorOfSelf = (Args.starts_with("Tensor self") || Args.starts_with("Tensor(a) self")) &&
                          (Returns == "Tensor" || Returns == "Tensor(a)");
  return P;
}

const clang::StringLiteral *schemaLiteral(const CXXRecordDecl &Op) {
  for (const Decl *D : Op.decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || VD->getName() != "schema_str" || !VD->getInit())
      continue;
    return dyn_cast<clang::StringLiteral>(VD->getInit()->IgnoreParenImpCasts());
  }
  return nullptr;
}

/// Namespaces are reopened in every header: collect each occurrence. Found
/// by name lookup, not by walking \p DC's declarations: with a precompiled
/// preamble (the language server) that walk would deserialise every
/// top-level declaration of every header.
void childNamespaces(const DeclContext &DC, StringRef Name, ASTContext &Ctx,
                     SmallVectorImpl<const NamespaceDecl *> &Out) {
  SmallPtrSet<const NamespaceDecl *, 2> Seen;
  for (const NamedDecl *D : DC.lookup(&Ctx.Idents.get(Name)))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D); NS && Seen.insert(NS->getFirstDecl()).second)
      llvm::append_range(Out, NS->redecls());
}
} // namespace

unsigned ApiModel::addSchemasFrom(ASTContext &Ctx) {
  SmallVector<const NamespaceDecl *, 4> AtNamespaces, OpsNamespaces;
  childNamespaces(*Ctx.getTranslationUnitDecl(), "at", Ctx, AtNamespaces);
  if (!AtNamespaces.empty())
    childNamespaces(*AtNamespaces.front(), "_ops", Ctx, OpsNamespaces);
  if (OpsNamespaces.empty())
    return 0;

  StringMap<Effect> Derived;
  // Functional ops: some overload returns a new tensor from `self`, and no
  // overload writes or draws random numbers.
  StringSet<> ReturnsTensor, Impure;
  unsigned Count = 0;
  for (const NamespaceDecl *Ops : OpsNamespaces)
    for (const Decl *D : Ops->decls()) {
      const auto *Op = dyn_cast<CXXRecordDecl>(D);
      if (!Op || !Op->isThisDeclarationADefinition())
        continue;
      const clang::StringLiteral *Lit = schemaLiteral(*Op);
      if (!Lit || !Lit->isOrdinary())
        continue;
      std::optional<ParsedSchema> P = parseSchema(Lit->getString());
      if (!P)
        continue;
      ++Count;
      // out= overloads are separate *_out functions, not the method.
      if (P->Overload.contains("out"))
        continue;
      if (!P->Pure)
        Impure.insert(P->BaseName);
      else if (P->ReturnsTensorOfSelf)
        ReturnsTensor.insert(P->BaseName);
      if (P->WritesSelf) {
        Derived[P->BaseName] = Effect::Write;
        SchemaInplaceOps[P->BaseName] = true;
      } else if (P->ViewsSelf && !Derived.count(P->BaseName)) {
        Derived[P->BaseName] = Effect::View;
      }
    }

  for (const auto &Entry : ReturnsTensor)
    if (!Impure.contains(Entry.getKey()))
      FunctionalOps.insert(Entry.getKey());
  for (StringRef Name : {"at::Tensor", "at::TensorBase"}) {
    TypeModel &T = getOrAddType(Name);
    T.FromSchemas = true;
    for (auto &Entry : Derived)
      T.Methods.try_emplace(Entry.getKey(), Entry.getValue()); // hand-written wins
  }
  return Count;
}

} // namespace aliasguard
