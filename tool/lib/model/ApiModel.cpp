//===- ApiModel.cpp - the hand-written API table and the YAML loader ------===//
#include "aliasguard/ApiModel.h"

#include "clang/AST/CXXInheritance.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

#include <map>

using namespace clang;
using namespace llvm;

namespace aliasguard {

StringRef effectName(Effect E) {
  switch (E) {
  case Effect::Read: return "read";
  case Effect::Metadata: return "metadata";
  case Effect::View: return "view";
  case Effect::MayView: return "may_view";
  case Effect::Copy: return "copy";
  case Effect::Write: return "write";
  case Effect::Access: return "access";
  case Effect::MetadataWrite: return "metadata_write";
  }
  llvm_unreachable("unknown effect");
}

std::optional<Effect> parseEffect(StringRef Name) {
  for (Effect E : {Effect::Read, Effect::Metadata, Effect::View, Effect::MayView, Effect::Copy,
                   Effect::Write, Effect::Access, Effect::MetadataWrite})
    if (effectName(E) == Name)
      return E;
  return std::nullopt;
}

namespace {
void set(TypeModel &T, Effect E, std::initializer_list<StringRef> Names) {
  for (StringRef N : Names)
    T.Methods[N] = E;
}

// Sizes, strides and layout: the metadata an in-place shape change
// (`squeeze_`, `t_`, `resize_`) changes for every copy of the handle.
constexpr llvm::StringLiteral TensorShapeQueries[] = {"sizes",
                                                      "size",
                                                      "strides",
                                                      "stride",
                                                      "dim",
                                                      "ndimension",
                                                      "numel",
                                                      "is_contiguous",
                                                      "sym_sizes",
                                                      "sym_numel",
                                                      "sym_strides",
                                                      "storage_offset",
                                                      "suggest_memory_format"};

// Metadata is shared by every tensor type: reading it never observes data.
void addTensorMetadata(TypeModel &T) {
  for (StringRef N : TensorShapeQueries)
    T.Methods[N] = Effect::Metadata;
  set(T, Effect::Metadata,
      {"dtype",
       "scalar_type",
       "element_size",
       "nbytes",
       "itemsize",
       "is_floating_point",
       "is_alias_of",
       "_version",
       "use_count",
       "defined",
       "options",
       "device",
       "layout",
       "is_cuda",
       "is_cpu",
       "requires_grad",
       "is_same",
       "has_storage",
       "is_sparse",
       "get_device",
       "impl",
       "impl_ptr",
       "unsafeGetTensorImpl",
       "name",
       "toString",
       "is_complex",
       "is_signed",
       "is_leaf",
       "output_nr",
       "grad_fn",
       "is_view",
       "_base",
       "storage",
       "retains_grad",
       "has_names",
       "names"});
  // Autograd and naming state changed in place: no element of the data changes.
  set(T, Effect::Metadata,
      {"requires_grad_", "set_requires_grad", "retain_grad", "detach_", "names_", "rename_"});
  // Sizes and strides changed in place: they live in the TensorImpl, which
  // handle copies share and views do not; the schemas call them `(a!)`
  // writes, but no element changes (`set_` and a growing `resize_` also
  // swap the storage's memory, which the handle copies see too).
  set(T, Effect::MetadataWrite,
      {"squeeze_", "unsqueeze_", "t_", "transpose_", "swapdims_", "swapaxes_", "resize_",
       "resize_as_", "as_strided_", "set_"});
}
} // namespace

ApiModel ApiModel::builtin() {
  ApiModel M;
  // Everything below is what schemas cannot say (or ag, which has none).
  for (StringRef Name : {"ag::Tensor", "at::Tensor", "at::TensorBase"}) {
    TypeModel &T = M.getOrAddType(Name);
    T.CloneMethod = "clone";
    addTensorMetadata(T);
    set(T, Effect::View,
        {"view", "view_as", "squeeze", "unsqueeze", "permute", "transpose", "t",
         "expand", "expand_as", "detach", "operator[]", "select", "narrow", "slice",
         "index", "numpy", "diagonal", "unfold", "as_strided", "alias", "movedim", "swapaxes",
         "real", "imag", "view_as_real", "unbind", "split", "chunk"});
    // Alias only sometimes: a view when strides allow / dtype is unchanged /
    // already contiguous, else a copy.
    set(T, Effect::MayView,
        {"reshape", "reshape_as", "flatten", "contiguous", "to", "type_as",
         "cpu", "expect_contiguous"});
    set(T, Effect::Copy, {"clone"});
    // Filling a tensor through its data pointer is the tensor's own write.
    set(T, Effect::Access,
        {"data_ptr", "mutable_data_ptr", "const_data_ptr", "accessor", "packed_accessor32",
         "packed_accessor64", "generic_packed_accessor"});
    set(T, Effect::Read, {"item"});
  }
  // ATen's index() also takes tensor indices (advanced indexing copies).
  // `data()` and `variable_data()` are handles of the same storage with a
  // TensorImpl of their own, like `detach()`; their schemas carry no alias
  // annotation, which would make them fresh tensors.
  for (StringRef Name : {"at::Tensor", "at::TensorBase"}) {
    TypeModel &T = M.getOrAddType(Name);
    T.Methods["index"] = Effect::MayView;
    set(T, Effect::View, {"data", "variable_data"});
  }
  TypeModel &Arr = M.getOrAddType("ag::NdArray");
  Arr.CloneMethod = "copy";
  set(Arr, Effect::Metadata,
      {"shape", "strides", "ndim", "size", "dtype", "itemsize", "is_contiguous"});
  set(Arr, Effect::View, {"operator[]", "tensor_view"});
  set(Arr, Effect::Access, {"data"});
  set(Arr, Effect::MayView, {"reshape"});
  set(Arr, Effect::Copy, {"copy", "astype"});
  set(Arr, Effect::Write, {"fill"});

  LibraryModel &L = M.Library;
  L.Containers = {"vector", "deque", "list", "array", "optional", "forward_list"};
  L.MapContainers = {"map", "unordered_map"};
  L.LibraryMapContainers = {"torch::OrderedDict"};
  L.LibraryMapItem = "Item";
  L.LibraryMapItemValues = {"value", "operator*"};
  L.LibraryMapFinds = {"find"};
  L.ContainerInserts = {"push_back", "emplace_back", "push_front", "emplace_front", "insert", "emplace"};
  L.ContainerMetadata = {"size",  "empty",    "capacity", "reserve",         "max_size",
                         "count", "contains", "keys",     "key_description", "is_empty"};
  L.ContainerClears = {"clear"};
  L.ShapeQueries.insert(std::begin(TensorShapeQueries), std::end(TensorShapeQueries));
  L.AccessorTypes = {"TensorAccessor",
                     "TensorAccessorBase",
                     "GenericPackedTensorAccessor",
                     "GenericPackedTensorAccessorBase",
                     "PackedTensorAccessor32",
                     "PackedTensorAccessor64"};
  L.ContainerElementAccess = {"operator[]", "at", "front", "back", "data", "value", "operator*", "operator->"};
  L.BufferWriteFunctions = {{"memcpy", 2},      {"memmove", 2},       {"memset", 2},
                            {"std::copy", 0},   {"std::copy_n", 0},   {"std::fill", 2},
                            {"std::fill_n", 2}, {"std::transform", 1}};
  L.BufferContainerWrites = {"fill"};
  L.MoveFunctions = {"move", "move_if_noexcept"};
  L.NonContiguousViews = {"transpose", "permute",  "t",       "expand", "expand_as",
                          "swapaxes",  "swapdims", "movedim", "mT",     "slice"};
  L.CopyIfNonContiguous = {"contiguous", "expect_contiguous"};
  L.DatasetTransformBases = {"torch::data::transforms::BatchTransform"};
  L.DatasetTransformMethods = {"operator()", "apply", "apply_batch"};
  L.ModuleBases = {"torch::nn::Module"};
  L.ModuleHolders = {"torch::nn::ModuleHolder"};
  L.PointerHolders = {"std::shared_ptr", "std::unique_ptr"};
  L.ModuleSelf = {"operator->", "operator*", "get", "ptr"};
  L.ModuleParameterViews = {"parameters", "buffers", "named_parameters", "named_buffers"};
  L.ModuleCopies = {"clone"};
  L.OptimizerBases = {"torch::optim::Optimizer"};
  L.OptimizerWrites = {"step"};
  L.OptimizerParamGroups = {"torch::optim::OptimizerParamGroup"};
  L.OptimizerGroupInserts = {"add_param_group"};
  L.GroupListInserts = {"push_back", "emplace_back"};
  L.CompoundAssignments = {"operator+=", "operator-=", "operator*=", "operator/=",
                                "operator%=", "operator&=", "operator|=", "operator^=",
                                "operator<<=", "operator>>="};

  M.setFunction("ag::from_numpy", FunctionEffect::ViewOfArg0);
  M.setFunction("at::from_blob", FunctionEffect::ViewOfBuffer);
  M.setFunction("torch::from_blob", FunctionEffect::ViewOfBuffer);
  return M;
}

TypeModel &ApiModel::getOrAddType(StringRef Name) {
  for (TypeModel &T : Types)
    if (T.Name == Name)
      return T;
  TypeCache.clear();
  Types.push_back(TypeModel{Name.str(), "clone", true, {}});
  return Types.back();
}

static std::string recordName(const CXXRecordDecl &RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD))
    return Spec->getSpecializedTemplate()->getQualifiedNameAsString();
  return RD.getQualifiedNameAsString();
}

bool derivesFromAny(const CXXRecordDecl &RD, const StringSet<> &Names) {
  if (Names.empty())
    return false;
  if (Names.contains(recordName(RD)))
    return true;
  if (!RD.hasDefinition())
    return false;
  CXXBasePaths Paths(/*FindAmbiguities=*/false, /*RecordPaths=*/false,
                     /*DetectVirtual=*/false);
  return RD.lookupInBases(
      [&](const CXXBaseSpecifier *Base, CXXBasePath &) {
        const CXXRecordDecl *B = Base->getType()->getAsCXXRecordDecl();
        return B && Names.contains(recordName(*B));
      },
      Paths);
}

bool ApiModel::isModuleType(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (derivesFromAny(*RD, Library.ModuleBases) || derivesFromAny(*RD, Library.ModuleHolders))
    return true;
  // `std::shared_ptr<NetImpl>`.
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  if (!Spec || !Library.PointerHolders.contains(recordName(*Spec)))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
    return false;
  const CXXRecordDecl *Pointee = Args[0].getAsType()->getAsCXXRecordDecl();
  return Pointee && derivesFromAny(*Pointee, Library.ModuleBases);
}

bool ApiModel::isOptimizerObject(QualType T) const {
  if (T.isNull())
    return false;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && derivesFromAny(*RD, Library.OptimizerBases);
}

bool ApiModel::isParamGroup(QualType T) const {
  if (T.isNull())
    return false;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && Library.OptimizerParamGroups.contains(recordName(*RD));
}

bool ApiModel::isParamGroupList(QualType T) const {
  if (T.isNull())
    return false;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || !Spec->getIdentifier() || Spec->getName() != "vector")
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  return Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
         isParamGroup(Args[0].getAsType());
}

bool ApiModel::isOptimizerType(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    return isOptimizerObject(PT->getPointeeType());
  if (isOptimizerObject(T))
    return true;
  // `std::unique_ptr<torch::optim::Adam>`, as trainers hold their optimizer.
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || !Library.PointerHolders.contains(recordName(*Spec)))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  return Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
         isOptimizerObject(Args[0].getAsType());
}

bool ApiModel::isOptimizerWrite(const Expr *E) const {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E);
  const CXXMethodDecl *MD = Call ? Call->getMethodDecl() : nullptr;
  return MD && MD->getIdentifier() && Library.OptimizerWrites.contains(MD->getName()) &&
         isOptimizerType(Call->getImplicitObjectArgument()->getType());
}

const TypeModel *ApiModel::typeOf(QualType T) const {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  RD = RD->getCanonicalDecl();
  auto [It, Inserted] = TypeCache.try_emplace(RD, nullptr);
  if (Inserted) {
    std::string Name = RD->getQualifiedNameAsString();
    for (const TypeModel &TM : Types)
      if (TM.Name == Name)
        It->second = &TM;
  }
  return It->second;
}

Effect ApiModel::methodEffect(const TypeModel &Type, StringRef Method) const {
  auto It = Type.Methods.find(Method);
  if (It != Type.Methods.end())
    return It->second;
  if (Type.UnderscoreWrites && Method.size() > 1 && Method.ends_with("_") &&
      !Method.starts_with("_"))
    return Effect::Write;
  // Unknown methods are reads: a miss is cheaper than a false alarm.
  return Effect::Read;
}

std::optional<FunctionEffect> ApiModel::functionEffect(const FunctionDecl &FD) const {
  if (!FD.getIdentifier())
    return std::nullopt;
  std::string Name = FD.getQualifiedNameAsString();
  auto It = Functions.find(Name);
  if (It != Functions.end())
    return It->second;
  StringRef Short = FD.getName();
  // `at::squeeze_(t)` changes t's shape, not its data (the method's entry
  // says so): an unknown call for the dataflow, not a write.
  for (const TypeModel &T : Types)
    if (T.Name == "at::Tensor" && methodEffect(T, Short) == Effect::MetadataWrite)
      return std::nullopt;
  if ((StringRef(Name).starts_with("at::") || StringRef(Name).starts_with("torch::")) &&
      SchemaInplaceOps.count(Short) && FD.getNumParams() > 0 &&
      typeOf(FD.getParamDecl(0)->getType()))
    return FunctionEffect::WriteArg0;
  return std::nullopt;
}

bool ApiModel::isFunctional(const FunctionDecl &FD) const {
  if (!FD.getIdentifier() || FD.getReturnType()->isReferenceType() ||
      !typeOf(FD.getReturnType()))
    return false;
  StringRef Name = FD.getName();
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD)) {
    const TypeModel *Type =
        MD->isStatic() ? nullptr : typeOf(QualType(MD->getParent()->getTypeForDecl(), 0));
    if (!Type)
      return false;
    switch (methodEffect(*Type, Name)) {
    case Effect::View:
    case Effect::MayView:
    case Effect::Copy:
      return true;
    case Effect::Read:
      // Unknown to the table: the schemas decide; a type without schemas
      // returns a new value of its own type.
      return !Type->FromSchemas || FunctionalOps.contains(Name);
    case Effect::Metadata:
    case Effect::Write:
    case Effect::Access:
    case Effect::MetadataWrite:
      return false;
    }
    llvm_unreachable("unknown effect");
  }
  // `at::relu(t)`, `torch::clamp(t, 0, 1)`: a schema op taking a tensor first.
  const auto *NS = dyn_cast<NamespaceDecl>(FD.getDeclContext()->getRedeclContext());
  if (!NS || !NS->getParent()->getRedeclContext()->isTranslationUnit() ||
      (NS->getName() != "at" && NS->getName() != "torch"))
    return false;
  return FD.getNumParams() > 0 && typeOf(FD.getParamDecl(0)->getType()) &&
         FunctionalOps.contains(Name);
}

bool ApiModel::isInplaceOp(const TypeModel &Type, StringRef Name) const {
  if (Type.FromSchemas)
    return SchemaInplaceOps.count(Name);
  return methodEffect(Type, Name) == Effect::Write;
}

} // namespace aliasguard

// --- YAML model files -----------------------------------------------------

namespace {
struct YamlType {
  std::string Name;
  std::string Clone;
  std::optional<bool> UnderscoreWrites;
  std::map<std::string, std::vector<std::string>> Methods;
};
struct YamlFunction {
  std::string Name;
  std::string Effect;
};
struct YamlModel {
  std::vector<YamlType> Types;
  std::vector<YamlFunction> Functions;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(YamlType)
LLVM_YAML_IS_SEQUENCE_VECTOR(YamlFunction)

namespace llvm::yaml {
template <> struct MappingTraits<YamlType> {
  static void mapping(IO &IO, YamlType &T) {
    IO.mapRequired("name", T.Name);
    IO.mapOptional("clone", T.Clone);
    IO.mapOptional("underscore_writes", T.UnderscoreWrites);
    IO.mapOptional("methods", T.Methods);
  }
};
template <> struct MappingTraits<YamlFunction> {
  static void mapping(IO &IO, YamlFunction &F) {
    IO.mapRequired("name", F.Name);
    IO.mapRequired("effect", F.Effect);
  }
};
template <> struct MappingTraits<YamlModel> {
  static void mapping(IO &IO, YamlModel &M) {
    IO.mapOptional("types", M.Types);
    IO.mapOptional("functions", M.Functions);
  }
};
template <> struct CustomMappingTraits<std::map<std::string, std::vector<std::string>>> {
  static void inputOne(IO &IO, StringRef Key,
                       std::map<std::string, std::vector<std::string>> &V) {
    IO.mapRequired(Key.str().c_str(), V[Key.str()]);
  }
  static void output(IO &IO, std::map<std::string, std::vector<std::string>> &V) {
    for (auto &[K, Names] : V)
      IO.mapRequired(K.c_str(), Names);
  }
};
} // namespace llvm::yaml

namespace aliasguard {

Error ApiModel::loadConfigFile(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return createStringError(Buffer.getError(), "cannot read model file '%s'",
                             Path.str().c_str());
  return loadConfig((*Buffer)->getBuffer());
}

Error ApiModel::loadConfig(StringRef YAMLText) {
  YamlModel Parsed;
  yaml::Input In(YAMLText);
  In >> Parsed;
  if (In.error())
    return createStringError(In.error(), "invalid aliasguard model YAML");
  for (YamlType &YT : Parsed.Types) {
    TypeModel &T = getOrAddType(YT.Name);
    if (!YT.Clone.empty())
      T.CloneMethod = YT.Clone;
    if (YT.UnderscoreWrites)
      T.UnderscoreWrites = *YT.UnderscoreWrites;
    for (auto &[EffectText, Names] : YT.Methods) {
      std::optional<Effect> E = parseEffect(EffectText);
      if (!E)
        return createStringError(inconvertibleErrorCode(),
                                 "unknown method effect '%s' for type '%s' "
                                 "(read, metadata, view, may_view, copy, write, access, "
                                 "metadata_write)",
                                 EffectText.c_str(), YT.Name.c_str());
      for (const std::string &N : Names)
        T.Methods[N] = *E;
    }
  }
  for (YamlFunction &F : Parsed.Functions) {
    std::optional<FunctionEffect> E =
        StringSwitch<std::optional<FunctionEffect>>(F.Effect)
            .Case("view_of_arg0", FunctionEffect::ViewOfArg0)
            .Case("view_of_buffer", FunctionEffect::ViewOfBuffer)
            .Case("write_arg0", FunctionEffect::WriteArg0)
            .Default(std::nullopt);
    if (!E)
      return createStringError(inconvertibleErrorCode(),
                               "unknown function effect '%s' for '%s' "
                               "(view_of_arg0, view_of_buffer, write_arg0)",
                               F.Effect.c_str(), F.Name.c_str());
    setFunction(F.Name, *E);
  }
  return Error::success();
}

} // namespace aliasguard
