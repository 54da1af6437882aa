//===- aliasguard/ApiModel.h - what the tensor API does ---------*- C++ -*-===//
//
// The API model is data, not code in the checks: which record types hold
// tensor storage, and what each of their methods and a few free functions do
// to it. Built from three sources, later ones overriding earlier ones:
//  1. the hand-written table for ag::Tensor, ag::NdArray and at::Tensor
//     (only what LibTorch's schemas cannot say: metadata, may-alias ops,
//     from_blob, NumPy interop);
//  2. LibTorch's operator schemas found in the analysed translation unit
//     (`at::_ops::<op>::schema_str`, alias annotations `Tensor(a!)`/`(a)`);
//  3. a user YAML file (`--model=` / check option `ModelFile`).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace aliasguard {

/// What a method does to the storage of the object it is called on.
enum class Effect : unsigned char {
  Read,     ///< observes the data (the default for unknown methods)
  Metadata, ///< observes only sizes/dtype/...: not a read
  View,     ///< returns a handle to the same storage
  MayView,  ///< returns a view or a copy depending on runtime state
  Copy,     ///< returns an independent copy (and reads the data)
  Write,    ///< modifies the data in place
  Access,   ///< returns a raw pointer/accessor into the data: the same handle
  /// changes the shape/strides of the object's TensorImpl in place
  /// (`squeeze_`, `t_`, `resize_`): every copy of the handle sees it, views
  /// keep their own metadata; no data changes
  MetadataWrite,
};
llvm::StringRef effectName(Effect E);
std::optional<Effect> parseEffect(llvm::StringRef Name);

/// What a modelled free function does.
enum class FunctionEffect : unsigned char {
  ViewOfArg0,   ///< result shares the storage of argument 0 (from_numpy)
  ViewOfBuffer, ///< result views the raw buffer argument 0 points to (from_blob)
  WriteArg0,    ///< writes argument 0 in place (torch::relu_(t))
};

struct TypeModel {
  std::string Name;        ///< fully qualified, e.g. "ag::Tensor"
  std::string CloneMethod; ///< the deep-copy method suggested by fix-its
  bool UnderscoreWrites = true; ///< `foo_` methods write in place
  llvm::StringMap<Effect> Methods;
  /// Its methods come from LibTorch's schemas too (at::Tensor): the
  /// functional ones are those the schemas call so.
  bool FromSchemas = false;
};

/// What the standard library and the language do with tensor handles: data
/// the fact generator consults instead of names written into its code.
struct LibraryModel {
  /// `std::` class templates that hold elements of their first template
  /// argument (tensors, or numbers as a raw buffer).
  llvm::StringSet<> Containers;
  /// `std::` class templates that map keys to elements of their second
  /// template argument.
  llvm::StringSet<> MapContainers;
  /// Library class templates (qualified) that map keys to elements of their
  /// second template argument (`torch::OrderedDict`, which
  /// `named_parameters()` returns), the class nested in them that holds one
  /// entry (`Item`), and the entry's methods naming its value (`value()`,
  /// `*item`); its other methods (`key()`) observe no tensor.
  llvm::StringSet<> LibraryMapContainers;
  std::string LibraryMapItem;
  llvm::StringSet<> LibraryMapItemValues;
  /// Library map methods returning a pointer to the element of a key
  /// (`find`): a local pointer they initialise names that element.
  llvm::StringSet<> LibraryMapFinds;
  /// Container methods, by what they do to the elements.
  llvm::StringSet<> ContainerInserts;       ///< the arguments become elements
  llvm::StringSet<> ContainerMetadata;      ///< observe no element
  llvm::StringSet<> ContainerClears;        ///< the container holds nothing after
  llvm::StringSet<> ContainerElementAccess; ///< name an element (not a copy)
  /// Tensor metadata methods that observe what an in-place shape change
  /// (`squeeze_`, `t_`, `resize_`) alters: a read of that, not of the data.
  llvm::StringSet<> ShapeQueries;
  /// Classes (unqualified, in `at::`) of the objects `accessor()` and
  /// `packed_accessor64()` return: `a[i][j]` names an element of the
  /// tensor's data, so assigning to it writes the tensor.
  llvm::StringSet<> AccessorTypes;
  /// Raw buffers written by calls: C library and `std::` functions (by
  /// qualified name) that write through one pointer or output iterator
  /// argument, counted from the last argument (`memcpy(dst, src, n)`: 2,
  /// `std::copy(first, last, out)`: 0; counting from the end also holds
  /// for the overloads taking an execution policy first), and the number
  /// container methods that overwrite the elements in place
  /// (`std::array::fill`; `std::vector::assign` may reallocate, which is
  /// dangling-from-blob's finding).
  llvm::StringMap<unsigned> BufferWriteFunctions;
  llvm::StringSet<> BufferContainerWrites;
  /// `std::` functions that move their argument: the source is dead after.
  llvm::StringSet<> MoveFunctions;
  /// Operators that always write their left operand in place.
  llvm::StringSet<> CompoundAssignments;
  /// Layout: views whose result is known not to be contiguous
  /// (`transpose`, `permute`, `t`, `expand`; `slice` only with a step > 1),
  /// and may-views that copy such a tensor (`contiguous`).
  llvm::StringSet<> NonContiguousViews;
  llvm::StringSet<> CopyIfNonContiguous;
  /// Library classes (qualified names) whose virtual methods the library
  /// calls with the examples a dataset hands out (LibTorch's
  /// `torch::data::transforms::BatchTransform`, base of `Transform` and
  /// `TensorTransform`), and those methods: an override's tensor parameter
  /// is the dataset's stored example, not a caller's temporary.
  llvm::StringSet<> DatasetTransformBases;
  llvm::StringSet<> DatasetTransformMethods;
  /// LibTorch's modules as holders of their parameters: a module object
  /// (a class derived from one of ModuleBases, a ModuleHolders
  /// specialisation such as TORCH_MODULE's `Net`, or a PointerHolders
  /// pointer to a module) stands for the storages of all its parameters.
  llvm::StringSet<> ModuleBases;
  llvm::StringSet<> ModuleHolders;
  llvm::StringSet<> PointerHolders;
  /// Module methods returning the module itself (`operator->`), handles to
  /// its parameters (`parameters()`: views of the module's storage), or a
  /// deep copy (`clone()`).
  llvm::StringSet<> ModuleSelf;
  llvm::StringSet<> ModuleParameterViews;
  llvm::StringSet<> ModuleCopies;
  /// Optimizers (classes derived from OptimizerBases) hold the parameter
  /// handles they are constructed from (argument 0); OptimizerWrites write
  /// all of them in place (`step`). Other methods touch gradients and
  /// settings only (`zero_grad`): no data read or written.
  llvm::StringSet<> OptimizerBases;
  llvm::StringSet<> OptimizerWrites;
  /// Parameter groups (`torch::optim::OptimizerParamGroup`): a group holds
  /// the handles of its constructor's argument 0; an optimizer built from a
  /// `std::vector` of groups holds all of theirs. OptimizerGroupInserts add
  /// a group to an optimizer (`add_param_group`), GroupListInserts to a
  /// local vector of groups (`push_back`, `emplace_back`).
  llvm::StringSet<> OptimizerParamGroups;
  llvm::StringSet<> OptimizerGroupInserts;
  llvm::StringSet<> GroupListInserts;
  /// A function named like `scale_` writes its tensor arguments by
  /// convention (as LibTorch's in-place methods do).
  bool TrailingUnderscoreIsInPlace = true;

  bool isInPlaceFunctionName(llvm::StringRef Name) const {
    return TrailingUnderscoreIsInPlace && Name.ends_with("_");
  }
};

/// Whether \p RD is, or derives from, a class named in \p Names (qualified;
/// a template specialisation by its template's name).
bool derivesFromAny(const clang::CXXRecordDecl &RD, const llvm::StringSet<> &Names);

class ApiModel {
public:
  /// The hand-written table (ag::Tensor, ag::NdArray, at::Tensor).
  static ApiModel builtin();

  /// Adds or overrides entries from a YAML model file.
  llvm::Error loadConfigFile(llvm::StringRef Path);
  llvm::Error loadConfig(llvm::StringRef YAMLText);

  /// Derives at::Tensor's view and in-place methods (and at::/torch:: free
  /// in-place functions) from the operator schemas declared in \p Ctx.
  /// Hand-written entries win: schemas call `reshape` a view, it may copy.
  /// Returns the number of schemas read.
  unsigned addSchemasFrom(clang::ASTContext &Ctx);

  /// The model of the tensor-like record type \p T (through references,
  /// cv-qualifiers and typedefs), or null.
  const TypeModel *typeOf(clang::QualType T) const;
  Effect methodEffect(const TypeModel &Type, llvm::StringRef Method) const;
  std::optional<FunctionEffect> functionEffect(const clang::FunctionDecl &FD) const;

  /// Whether calling \p FD (a method of a modelled type, or an `at::`/
  /// `torch::` function taking a tensor first) only computes a new tensor: it
  /// returns a modelled type by value and writes nothing, so discarding its
  /// result makes the call useless. For LibTorch, an op whose schemas write
  /// no argument and draw no random numbers (or a view, may-view or copy of
  /// the table); for types without schemas (ag), a method returning its type
  /// by value that the table does not call a write, access or metadata.
  bool isFunctional(const clang::FunctionDecl &FD) const;
  /// Whether the schemas (or, without schemas, the table) know \p Name as an
  /// in-place op of \p Type (`clamp_` for `clamp`).
  bool isInplaceOp(const TypeModel &Type, llvm::StringRef Name) const;

  const LibraryModel &library() const { return Library; }

  /// A LibTorch module object, module holder or pointer to a module
  /// (LibraryModel::ModuleBases, ModuleHolders, PointerHolders), through
  /// references and cv-qualifiers; also a raw pointer to a module.
  bool isModuleType(clang::QualType T) const;
  /// An optimizer (LibraryModel::OptimizerBases), a pointer to one or a
  /// smart pointer holding one (LibraryModel::PointerHolders), through
  /// references: each is a handle of the optimizer's parameters.
  bool isOptimizerType(clang::QualType T) const;
  /// An optimizer object itself (not a pointer to one), through references.
  bool isOptimizerObject(clang::QualType T) const;
  /// A parameter group (LibraryModel::OptimizerParamGroups), through
  /// references and cv-qualifiers.
  bool isParamGroup(clang::QualType T) const;
  /// `std::vector<torch::optim::OptimizerParamGroup>`, through references.
  bool isParamGroupList(clang::QualType T) const;
  /// Whether \p E is an optimizer's in-place update of all its parameters
  /// (`opt.step()`: LibraryModel::OptimizerWrites).
  bool isOptimizerWrite(const clang::Expr *E) const;

  TypeModel &getOrAddType(llvm::StringRef Name);
  void setFunction(llvm::StringRef QualifiedName, FunctionEffect E) {
    Functions[QualifiedName] = E;
  }

private:
  LibraryModel Library;
  std::vector<TypeModel> Types;
  llvm::StringMap<FunctionEffect> Functions;
  /// Free functions named like a schema op write their first argument.
  llvm::StringMap<bool> SchemaInplaceOps;
  /// Ops the schemas call functional (see isFunctional).
  llvm::StringSet<> FunctionalOps;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, const TypeModel *> TypeCache;
};

} // namespace aliasguard
