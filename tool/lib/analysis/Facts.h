//===- analysis/Facts.h - what each CFG element does to storage -*- C++ -*-===//
//
// The fact generator (FactGenerator.cpp) turns each function's CFG into a
// list of facts per element, once; the dataflow (Dataflow.cpp) applies them
// to the state (Transfer.cpp) and never looks at the AST.
//
// Facts talk about handles (named holders: Lattice.h) and *values*: the
// tensor value of an expression inside one CFG element (%0, %1, ...), like
// the origins LifetimeSafety gives expressions. A value is a set of
// (storage, provenance, named source) triples; every value starts empty at
// its element and facts add to it, so a value that several facts define is
// their union (`c ? a : b`).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Lattice.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <vector>

namespace aliasguard {

using ValueId = unsigned;

class Fact {
public:
  enum class Kind : unsigned char {
    Param,        ///< entry: a parameter holds the caller's storage
    Load,         ///< %v += the storages a handle holds (named: a copy source)
    Fresh,        ///< %v += a storage created here
    Derive,       ///< %v += %w's storages, with a new provenance (view, ...)
    Pass,         ///< %v += %w's storages as they are
    StoreElement, ///< %v += %w's storages as container elements
    AddTo,        ///< a handle gains %v's storages (container insert)
    Bind,         ///< a handle now holds %v's storages and nothing else
    Write,        ///< in-place write of %v's storages
    Read,         ///< a handle's data is observed
    Kill,         ///< a handle is dead or moved from
    Return,       ///< %v is returned
    TestPoint,    ///< a marker for white-box tests (`POINT(name)`)
    /// a handle's TensorImpl changes shape in place (no data written)
    MetadataWrite,
  };
  Kind getKind() const { return FactKind; }
  /// Where the fact comes from, for dumps.
  clang::SourceLocation getLoc() const { return Loc; }
  void dump(llvm::raw_ostream &OS, const Tables &T) const;

protected:
  Fact(Kind K, clang::SourceLocation Loc) : FactKind(K), Loc(Loc) {}

private:
  Kind FactKind;
  clang::SourceLocation Loc;
};

template <Fact::Kind FK> class FactOf : public Fact {
public:
  static bool classof(const Fact *F) { return F->getKind() == FK; }

protected:
  explicit FactOf(clang::SourceLocation Loc) : Fact(FK, Loc) {}
};

struct ParamFact : FactOf<Fact::Kind::Param> {
  ParamFact(HandleId H, const clang::ParmVarDecl *PD, unsigned Index)
      : FactOf(PD->getLocation()), H(H), PD(PD), Index(Index) {}
  HandleId H;
  const clang::ParmVarDecl *PD;
  unsigned Index;
};

struct LoadFact : FactOf<Fact::Kind::Load> {
  LoadFact(ValueId Dst, HandleId H, const clang::Expr *E, bool Buffer, clang::SourceLocation Loc)
      : FactOf(Loc), Dst(Dst), H(H), E(E), Buffer(Buffer) {}
  ValueId Dst;
  HandleId H;
  /// The expression naming H: where a `.clone()` fix goes. Null when no
  /// expression names it (the fields a struct copy copies).
  const clang::Expr *E;
  bool Buffer;          ///< H is a raw buffer a tensor is made over (from_blob)
};

struct FreshFact : FactOf<Fact::Kind::Fresh> {
  FreshFact(ValueId Dst, const clang::Expr *Site, const void *Key = nullptr)
      : FactOf(Site->getExprLoc()), Dst(Dst), Site(Site), Key(Key ? Key : Site) {}
  ValueId Dst;
  const clang::Expr *Site;
  /// What identifies the storage: Site, or one of several storages one
  /// expression creates (each tensor element of a returned std::pair).
  const void *Key;
};

struct DeriveFact : FactOf<Fact::Kind::Derive> {
  DeriveFact(ValueId Dst, ValueId Src, const ProvSpec &Spec)
      : FactOf(Spec.Loc), Dst(Dst), Src(Src), Spec(Spec) {}
  ValueId Dst, Src;
  ProvSpec Spec;
};

struct PassFact : FactOf<Fact::Kind::Pass> {
  PassFact(ValueId Dst, ValueId Src, bool KeepSource, clang::SourceLocation Loc,
           const clang::Expr *Element = nullptr)
      : FactOf(Loc), Dst(Dst), Src(Src), KeepSource(KeepSource), Element(Element) {}
  ValueId Dst, Src;
  /// Whether %v still comes straight from a named handle (a copy
  /// constructor) or not (a dereference, a moved value).
  bool KeepSource;
  /// `v[0]`, `v.front()`, `*opt`: %v is this element of the container %w
  /// loads; binding it to a name copies the element (KeepSource is set).
  const clang::Expr *Element;
};

struct StoreElementFact : FactOf<Fact::Kind::StoreElement> {
  StoreElementFact(ValueId Dst, ValueId Src, const void *Site, clang::SourceLocation Loc,
                   llvm::StringRef Op)
      : FactOf(Loc), Dst(Dst), Src(Src), Site(Site), Op(Op) {}
  ValueId Dst, Src;
  const void *Site;
  llvm::StringRef Op;
};

struct AddToFact : FactOf<Fact::Kind::AddTo> {
  AddToFact(HandleId H, ValueId Src, clang::SourceLocation Loc) : FactOf(Loc), H(H), Src(Src) {}
  HandleId H;
  ValueId Src;
};

struct BindFact : FactOf<Fact::Kind::Bind> {
  BindFact(HandleId H, ValueId Src, clang::SourceLocation Loc, const void *Site,
           const clang::CXXMemberCallExpr *InplaceCall, HandleId InplaceRoot)
      : FactOf(Loc), H(H), Src(Src), Site(Site), InplaceCall(InplaceCall),
        InplaceRoot(InplaceRoot) {}
  HandleId H;
  ValueId Src;
  const void *Site;
  /// `auto y = x.mul_(2)`: the in-place call whose result is bound, and x.
  const clang::CXXMemberCallExpr *InplaceCall;
  HandleId InplaceRoot;
};

struct WriteFact : FactOf<Fact::Kind::Write> {
  WriteFact(ValueId Target, HandleId Writer, const clang::Expr *Site, llvm::StringRef Op,
            bool ViaCallee, const clang::ParmVarDecl *Unexpected = nullptr,
            clang::SourceLocation CalleeWriteLoc = {}, bool BufferCall = false)
      : FactOf(Site->getExprLoc()), Target(Target), Writer(Writer), Site(Site), Op(Op),
        ViaCallee(ViaCallee), Unexpected(Unexpected), CalleeWriteLoc(CalleeWriteLoc),
        BufferCall(BufferCall) {}
  ValueId Target;
  HandleId Writer; ///< the handle written through (NoId: a temporary)
  const clang::Expr *Site;
  llvm::StringRef Op;
  bool ViaCallee; ///< a callee writes its parameter (the event is not this function's)
  /// A callee writes this by-value / const-reference parameter: the caller's
  /// own handle does not expect it (unlike a `Tensor&` argument), so a later
  /// read of it sees data it did not write.
  const clang::ParmVarDecl *Unexpected;
  clang::SourceLocation CalleeWriteLoc; ///< the callee's write, for the note
  /// A call (`memcpy(buf, ...)`, `std::fill`, `cap.read(buf.data())`) writes
  /// the raw buffer Writer through a pointer into it.
  bool BufferCall;
};

/// `a.squeeze_()`: the sizes and strides of the TensorImpl handle H holds
/// change. The copies of H (`Tensor b = a;`: the same TensorImpl) see the
/// new shape; views of H and H's data are unchanged.
struct MetadataWriteFact : FactOf<Fact::Kind::MetadataWrite> {
  MetadataWriteFact(HandleId H, const clang::Expr *Site, llvm::StringRef Op)
      : FactOf(Site->getExprLoc()), H(H), Site(Site), Op(Op) {}
  HandleId H;
  const clang::Expr *Site;
  llvm::StringRef Op;
};

struct ReadFact : FactOf<Fact::Kind::Read> {
  ReadFact(HandleId H, const clang::Expr *Site, const clang::Expr *ResultOf = nullptr,
           const clang::Expr *Element = nullptr, bool ShapeOnly = false)
      : FactOf(Site->getExprLoc()), H(H), Site(Site), ResultOf(ResultOf), Element(Element),
        ShapeOnly(ShapeOnly) {}
  HandleId H;
  const clang::Expr *Site;
  /// Reads only this element of the container H (`v[i]`), not all of it.
  const clang::Expr *Element;
  /// Reads H's data as the result of this call, which returns its argument:
  /// the call's own write of H is expected there.
  const clang::Expr *ResultOf;
  /// Reads only H's sizes or strides (`b.size(0)`): it observes an in-place
  /// shape change of a handle copy, never a data write.
  bool ShapeOnly;
};

struct KillFact : FactOf<Fact::Kind::Kill> {
  KillFact(HandleId H, clang::SourceLocation Loc) : FactOf(Loc), H(H) {}
  HandleId H;
};

struct ReturnFact : FactOf<Fact::Kind::Return> {
  ReturnFact(ValueId V, const clang::ReturnStmt *RS, bool ReturnsHandleItself,
             unsigned Element = NoId)
      : FactOf(RS->getBeginLoc()), V(V), RS(RS), ReturnsHandleItself(ReturnsHandleItself),
        Element(Element) {}
  ValueId V;
  const clang::ReturnStmt *RS;
  bool ReturnsHandleItself; ///< `return x;` of a parameter, not of a view of it
  /// An element of a returned aggregate: its index among the return type's
  /// tensor elements (ElementReturn::Element); NoId for a returned tensor.
  unsigned Element;
};

struct TestPointFact : FactOf<Fact::Kind::TestPoint> {
  TestPointFact(llvm::StringRef Name, clang::SourceLocation Loc) : FactOf(Loc), Name(Name) {}
  llvm::StringRef Name;
};

/// The facts of one CFG element (or of the function's entry): a range of
/// FunctionFacts' list, and how many values (%0 ...) they use.
struct ElementFacts {
  const clang::CFGElement *Element = nullptr; ///< null for the entry
  unsigned Begin = 0, End = 0;
  unsigned NumValues = 0;
};

struct BlockFacts {
  const clang::CFGBlock *Block = nullptr;
  bool InCycle = false; ///< may run several times per call
  std::vector<ElementFacts> Elements;
};

/// Everything the dataflow needs to know about a function, generated once.
class FunctionFacts {
public:
  FunctionFacts(const clang::FunctionDecl &FD, std::unique_ptr<clang::CFG> G)
      : FD(FD), G(std::move(G)) {}

  const clang::FunctionDecl &function() const { return FD; }
  const clang::CFG &cfg() const { return *G; }
  /// The entry's facts (parameters), applied before the entry block.
  const ElementFacts &entry() const { return Entry; }
  /// Reachable blocks in the order the facts were generated (reverse
  /// post-order: a block after its forward predecessors).
  llvm::ArrayRef<const clang::CFGBlock *> order() const { return Order; }
  /// The same order, as clang's dataflow worklists want it.
  clang::PostOrderCFGView &postOrder() const { return *PostOrder; }
  const BlockFacts &block(const clang::CFGBlock &B) const { return Blocks[B.getBlockID()]; }
  llvm::ArrayRef<const Fact *> facts(const ElementFacts &E) const {
    return llvm::ArrayRef(Storage).slice(E.Begin, E.End - E.Begin);
  }
  Tables &tables() { return T; }
  const Tables &tables() const { return T; }
  unsigned maxValues() const { return MaxValues; }

  /// Prints the facts block by block, with source locations.
  void dump(llvm::raw_ostream &OS, const clang::SourceManager &SM) const;

private:
  friend class FactGenerator;

  template <typename F, typename... Args> const F *make(Args &&...As) {
    return new (Alloc.Allocate<F>()) F(std::forward<Args>(As)...);
  }

  const clang::FunctionDecl &FD;
  std::unique_ptr<clang::CFG> G;
  std::unique_ptr<clang::PostOrderCFGView> PostOrder;
  llvm::BumpPtrAllocator Alloc;
  /// Names facts refer to that the AST does not keep (`operator+=`).
  llvm::UniqueStringSaver Strings{Alloc};
  std::vector<const Fact *> Storage; ///< all facts, element after element
  ElementFacts Entry;
  std::vector<BlockFacts> Blocks; ///< by block id
  std::vector<const clang::CFGBlock *> Order;
  Tables T;
  unsigned MaxValues = 0;
};

} // namespace aliasguard
