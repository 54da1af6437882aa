//===- analysis/Lattice.h - handles, storages and the flow state -*- C++ -*-===//
//
// The vocabulary of the analysis of one function (after clang's
// LifetimeSafety: storages play the role of loans, handles of origins) and
// the lattice element that flows over its CFG.
//
//  - A *handle* is a named holder of tensor storage: a local or parameter of
//    tensor type, a field, a container or closure, a raw buffer.
//  - A *storage* is an allocation a handle can point to: a parameter's
//    incoming storage, a creation site's fresh one, a field's or global's
//    initial one, a raw buffer.
//  - A *provenance* is the event that gave a handle a storage it did not
//    create (a copy, a view, a container store, ...), kept for the story.
//  - A *candidate* is a write that another holder of the storage has not
//    seen: the raw evidence of a stale read, explained after the fixpoint.
//
// The state is the set of (handle, storage, provenance) facts and the set of
// pending stale reads (reader, storage, candidate). The join is set union.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/ViewRange.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace aliasguard {

struct TypeModel;
class Tables;

using HandleId = unsigned;
using StorageId = unsigned;
using ProvId = unsigned;
using CandId = unsigned;
constexpr unsigned NoId = ~0u;

/// How a handle came to share a storage it did not create.
enum class ProvKind : unsigned char {
  Origin,           ///< created it, received it as a parameter, or got it moved in
  Copy,             ///< copy of another handle (`auto b = a;`, `b = a;`)
  ReturnsParam,     ///< result of a function that returns its parameter
  View,             ///< view op (`view`, `operator[]`, `numpy`, `from_numpy`, ...)
  MayView,          ///< op that is a view only sometimes (`reshape`, `to`, ...)
  ReturnsParamView, ///< result of a function that returns a view of its parameter
  Container,        ///< element stored in a container (`v.push_back(t)`)
  Lambda,           ///< captured by copy in a lambda
  InplaceResult,    ///< result of an in-place method bound to a name
};
llvm::StringRef provKindName(ProvKind K);

struct HandleInfo {
  /// The variable (null for `this->field`, and, with no Field, for the
  /// module `*this` of a module's method).
  const clang::ValueDecl *Base;
  const clang::FieldDecl *Field; ///< the field of Base (or of `this`), if any
  std::string Name;
};

enum class StorageKind : unsigned char { Param, Fresh, Initial, Buffer };

struct StorageInfo {
  const void *Site;
  bool Old; ///< an earlier iteration's storage from the same creation site
  StorageKind Kind;
  unsigned ParamIndex; ///< Param: the parameter's index; Initial: the handle's id
};

/// What a provenance is, independent of where it is interned: facts carry
/// these, the transfer interns them when they first take effect.
struct ProvSpec {
  ProvKind Kind = ProvKind::Origin;
  const void *Site = nullptr;
  HandleId Source = NoId;
  clang::SourceLocation Loc;
  llvm::StringRef Op;
  const clang::Expr *FixSource = nullptr;
  clang::SourceLocation CalleeReturnLoc;
  /// A Copy of one element of the container Source (`auto e = v[0]`):
  /// FixSource is the element expression.
  bool OfElement = false;
  /// A View that keeps part of one dimension (`narrow`, `select`, `t[i]`).
  std::optional<ViewRange> Range;
  /// A View of a member of the module Source (`model->fc->weight`, and what
  /// is derived from it): the fields from the module to the member.
  llvm::SmallVector<const clang::FieldDecl *, 2> Members;
};

struct ProvInfo {
  ProvKind Kind;
  const void *Site;
  HandleId Source;
  clang::SourceLocation Loc;
  std::string Op;
  const clang::Expr *FixSource;
  const TypeModel *SourceType;
  clang::SourceLocation CalleeReturnLoc;
  bool OfElement;
  std::optional<ViewRange> Range;
  llvm::SmallVector<const clang::FieldDecl *, 2> Members;
};

/// A write some holders of the storage did not make: the evidence a stale
/// read is explained from. WriterProv / ReaderProv are how the writer and
/// the reader held the storage at the write.
struct Candidate {
  const clang::Expr *Write = nullptr;
  HandleId Writer = NoId;
  ProvId WriterProv = NoId;
  ProvId ReaderProv = NoId;
  bool SelfBound = false; ///< `auto y = x.mul_(2)`: x itself reads its changed value
  HandleId Holder = NoId; ///< the new name y
  std::string WriteOp;
  clang::SourceLocation BoundLoc; ///< where y was bound
  /// A callee wrote this parameter of its own, taken by value or const
  /// reference: the writer (the argument's handle) did not expect the write.
  const clang::ParmVarDecl *CalleeParam = nullptr;
  clang::SourceLocation CalleeWriteLoc;
  /// `a1 = a; a.sub_(b); a = a1;`: the reader got its storage, with the
  /// write it did not see, by copying this stale holder (a1) at StaleViaLoc.
  HandleId StaleVia = NoId;
  clang::SourceLocation StaleViaLoc;
  /// The write changed only the shape of the writer's TensorImpl
  /// (`squeeze_`): the reader is a copy of the same handle and sees the new
  /// sizes, not new data. (A write site is always or never one: no key.)
  bool MetadataOnly = false;
  /// The write is a call writing a raw buffer through a pointer into it
  /// (`memcpy(buf, ...)`: WriteFact::BufferCall). No key: a site always is
  /// or never is one.
  bool BufferCall = false;
};

struct PtsFact {
  HandleId H;
  StorageId S;
  ProvId P;
  auto operator<=>(const PtsFact &) const = default;
};
struct StaleFact {
  HandleId Reader;
  StorageId S;
  CandId C;
  auto operator<=>(const StaleFact &) const = default;
};

/// The flow state. Pts is ordered by handle for "what does h hold";
/// ByStorage indexes the same facts by storage for "who holds s", so a write
/// costs the number of holders, not the size of the state.
struct State {
  std::set<PtsFact> Pts;
  std::set<std::pair<StorageId, HandleId>> ByStorage;
  std::set<StaleFact> Stale;

  bool operator==(const State &O) const { return Pts == O.Pts && Stale == O.Stale; }

  /// Set union; whether this state grew.
  bool join(const State &O);
  void add(HandleId H, StorageId S, ProvId P) {
    Pts.insert({H, S, P});
    ByStorage.insert({S, H});
  }
  auto factsOf(HandleId H) const {
    return llvm::make_range(Pts.lower_bound({H, 0, 0}), Pts.lower_bound({H + 1, 0, 0}));
  }
  auto holdersOf(StorageId S) const {
    return llvm::make_range(ByStorage.lower_bound({S, 0}), ByStorage.lower_bound({S + 1, 0}));
  }
  auto staleOf(HandleId H) const {
    return llvm::make_range(Stale.lower_bound({H, 0, 0}), Stale.lower_bound({H + 1, 0, 0}));
  }
  bool holds(HandleId H, StorageId S) const { return ByStorage.count({S, H}); }
  /// Every way H holds S (paths joined may give several).
  auto provsOf(HandleId H, StorageId S) const {
    return llvm::map_range(
        llvm::make_range(Pts.lower_bound({H, S, 0}), Pts.lower_bound({H, S + 1, 0})),
        [](const PtsFact &F) { return F.P; });
  }
  /// The provenance of H's hold on S (the first one when paths joined).
  ProvId provOf(HandleId H, StorageId S) const {
    auto It = Pts.lower_bound({H, S, 0});
    return It != Pts.end() && It->H == H && It->S == S ? It->P : NoId;
  }
  /// H forgets everything: its storages and its pending stale reads.
  void kill(HandleId H);
  /// One line per handle: its storages and how it holds them; then the
  /// pending stale reads. For --dump-facts and white-box tests.
  void dump(llvm::raw_ostream &OS, const Tables &T, const clang::SourceManager &SM) const;

  /// H's pending stale reads are moot (it wrote, so it knows).
  void dropStale(HandleId H) {
    Stale.erase(Stale.lower_bound({H, 0, 0}), Stale.lower_bound({H + 1, 0, 0}));
  }
};

/// The interned handles, storages, provenances and candidates of one
/// function. Handles are created by the fact generator; the rest by the
/// transfer, in the order the analysis first meets them.
class Tables {
public:
  /// \p Name, if given, names a new handle (a tuple element is
  /// `std::get<0>(t)`, not its library field); else `Base.Field`.
  HandleId handleFor(const clang::ValueDecl *Base, const clang::FieldDecl *Field,
                     llvm::StringRef Name = {});
  /// The handle of a variable or `this->field`, if one was made.
  HandleId findHandle(const clang::ValueDecl *Base, const clang::FieldDecl *Field) const;
  /// A tensor nested in an aggregate (`pr.first.first`): keyed by the whole
  /// path of fields from \p Base down to the tensor's own field (the
  /// handle's Field). A one-field path is `handleFor(Base, Path[0], Name)`.
  HandleId handleFor(const clang::ValueDecl *Base, llvm::ArrayRef<const clang::FieldDecl *> Path,
                     llvm::StringRef Name);
  HandleId findHandle(const clang::ValueDecl *Base,
                      llvm::ArrayRef<const clang::FieldDecl *> Path) const;
  StorageId storageFor(const void *Site, bool Old, StorageKind Kind, unsigned Param = 0);
  ProvId provFor(const ProvSpec &Spec, const TypeModel *SourceType);
  CandId candidateFor(const Candidate &C);

  const HandleInfo &handle(HandleId H) const { return Handles[H]; }
  const StorageInfo &storage(StorageId S) const { return Storages[S]; }
  /// The handle whose initial storage \p S is (a field, a global, a lambda's
  /// capture: Transfer::ensureInitial), or NoId.
  HandleId initialHolder(StorageId S) const {
    return Storages[S].Kind == StorageKind::Initial ? Storages[S].ParamIndex : NoId;
  }
  const ProvInfo &prov(ProvId P) const { return Provs[P]; }
  Candidate &candidate(CandId C) { return Cands[C]; }
  const Candidate &candidate(CandId C) const { return Cands[C]; }
  unsigned numHandles() const { return Handles.size(); }
  /// Whether \p P is an alias event (a copy, a view, ...) rather than an
  /// origin: a stale read needs one between the writer and the reader.
  bool isAliasEvent(ProvId P) const { return P != NoId && Provs[P].Kind != ProvKind::Origin; }
  llvm::StringRef handleName(HandleId H) const {
    return H == NoId ? llvm::StringRef() : llvm::StringRef(Handles[H].Name);
  }

private:
  std::vector<HandleInfo> Handles;
  std::map<std::pair<const clang::ValueDecl *, const clang::FieldDecl *>, HandleId> HandleIds;
  std::map<std::pair<const clang::ValueDecl *, std::vector<const clang::FieldDecl *>>, HandleId>
      PathHandleIds;
  std::vector<StorageInfo> Storages;
  llvm::DenseMap<std::pair<const void *, unsigned>, StorageId> StorageIds;
  std::vector<ProvInfo> Provs;
  std::map<std::tuple<ProvKind, const void *, HandleId>, ProvId> ProvIds;
  std::vector<Candidate> Cands;
  std::map<std::tuple<const clang::Expr *, HandleId, ProvId, ProvId, bool, HandleId,
                      const clang::ParmVarDecl *, HandleId>,
           CandId>
      CandIds;
};

} // namespace aliasguard
