#include "torch/op_model.h"

#include <ATen/core/alias_info.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace ag::detail::torch_check {

namespace {

// Ops that take tensors for their metadata only, or change metadata that
// their schema marks as a write: no data read, no data write.
constexpr std::array<std::string_view, 34> kMetadataOps = {
    "aten::size", "aten::sym_size", "aten::stride", "aten::sym_stride", "aten::numel",
    "aten::sym_numel", "aten::dim", "aten::is_same_size", "aten::is_floating_point",
    "aten::is_complex", "aten::is_signed", "aten::is_conj", "aten::is_neg",
    "aten::is_inference", "aten::_is_zerotensor", "aten::is_set_to", "aten::result_type",
    "aten::is_leaf", "aten::output_nr", "aten::_version", "aten::requires_grad_",
    "aten::retain_grad", "aten::set_data", "aten::resize_", "aten::resize_as_", "aten::set_",
    "aten::empty_like", "aten::zeros_like", "aten::ones_like", "aten::full_like",
    "aten::rand_like", "aten::randn_like", "aten::randint_like", "aten::can_cast"};

constexpr std::array<std::string_view, 5> kMetadataPrefixes = {
    "aten::new_empty", "aten::new_zeros", "aten::new_ones", "aten::new_full", "aten::_shape"};

// In-place ops that read their tensor operands position by position, as
// TensorIterator does (LibTorch 1.13 has no `pointwise` tag to read this
// from). Not masked_fill_/index_put_ (a value tensor is read once, as a
// scalar) nor reductions, matmuls and scatters, whose operands are read
// whole: there any overlap is a different question.
constexpr std::array<std::string_view, 37> kElementwiseInplaceOps = {
    "aten::copy_",        "aten::add_",        "aten::sub_",         "aten::mul_",
    "aten::div_",         "aten::true_divide_", "aten::floor_divide_", "aten::fmod_",
    "aten::remainder_",   "aten::pow_",        "aten::float_power_", "aten::atan2_",
    "aten::hypot_",       "aten::lerp_",       "aten::addcmul_",     "aten::addcdiv_",
    "aten::clamp_",       "aten::clamp_min_",  "aten::clamp_max_",   "aten::copysign_",
    "aten::xlogy_",       "aten::ldexp_",      "aten::nextafter_",   "aten::heaviside_",
    "aten::logical_and_", "aten::logical_or_", "aten::logical_xor_", "aten::bitwise_and_",
    "aten::bitwise_or_",  "aten::bitwise_xor_", "aten::eq_",         "aten::ne_",
    "aten::lt_",          "aten::le_",         "aten::gt_",          "aten::ge_",
    "aten::igamma_"};

constexpr std::array<std::string_view, 4> kMayCopyViewOps = {
    "aten::reshape", "aten::reshape_as", "aten::flatten", "aten::contiguous"};

bool is_metadata_op(std::string_view name) {
  if (std::find(kMetadataOps.begin(), kMetadataOps.end(), name) != kMetadataOps.end())
    return true;
  return std::any_of(kMetadataPrefixes.begin(), kMetadataPrefixes.end(),
                     [&](std::string_view p) { return name.starts_with(p); });
}

// The alias sets an annotation names, those of a list's elements included
// ("Tensor(a)[]").
std::vector<c10::Symbol> alias_sets(const c10::AliasInfo *info) {
  std::vector<c10::Symbol> sets;
  if (!info)
    return sets;
  for (c10::Symbol s : info->beforeSets())
    if (s != c10::AliasInfo::wildcardSet())
      sets.push_back(s);
  for (const c10::AliasInfo &inner : info->containedTypes())
    for (c10::Symbol s : alias_sets(&inner))
      sets.push_back(s);
  return sets;
}

bool any_write(const c10::AliasInfo *info) {
  if (!info)
    return false;
  if (info->isWrite())
    return true;
  return std::any_of(info->containedTypes().begin(), info->containedTypes().end(),
                     [](const c10::AliasInfo &inner) { return any_write(&inner); });
}

} // namespace

OpModel model_of(const c10::FunctionSchema &schema, bool inplace_view) {
  OpModel m;
  const std::string &full = schema.name();
  m.name = full.starts_with("aten::") ? full.substr(6) : full;
  if (is_metadata_op(full))
    return m;
  const auto &args = schema.arguments();
  m.args.resize(args.size(), Role::None);
  for (size_t i = 0; i < args.size(); ++i) {
    const c10::AliasInfo *info = args[i].alias_info();
    if (!info)
      m.args[i] = Role::Read; // non-tensor arguments are skipped by their value
    else if (any_write(info))
      m.args[i] = inplace_view ? Role::Alias : Role::Write;
    else
      m.args[i] = Role::Alias;
  }
  for (const c10::Argument &ret : schema.returns()) {
    int of = -1;
    const c10::AliasInfo *info = ret.alias_info();
    if (info && !any_write(info)) {
      std::vector<c10::Symbol> sets = alias_sets(info);
      for (size_t i = 0; i < args.size() && of < 0; ++i)
        for (c10::Symbol s : alias_sets(args[i].alias_info()))
          if (m.args[i] == Role::Alias && std::find(sets.begin(), sets.end(), s) != sets.end())
            of = int(i);
    }
    m.view_of.push_back(of);
    m.has_views = m.has_views || of >= 0;
  }
  m.elementwise_inplace = std::find(kElementwiseInplaceOps.begin(), kElementwiseInplaceOps.end(),
                                    full) != kElementwiseInplaceOps.end();
  m.may_copy_view =
      std::find(kMayCopyViewOps.begin(), kMayCopyViewOps.end(), full) != kMayCopyViewOps.end();
  m.observed = true;
  return m;
}

} // namespace ag::detail::torch_check
