// Linked by aliasguard::runtime_checked: turns alias checking on before
// main(), with AG_ALIAS_OPTIONS (if set) over the defaults.
namespace ag::detail::alias {
void start_checked_runtime();
} // namespace ag::detail::alias

// The undefined symbol the target's link options name, so the linker keeps
// this object.
extern "C" {
extern const int ag_alias_checked_runtime;
const int ag_alias_checked_runtime = 1;
}

namespace {
struct CheckedStartup {
  CheckedStartup() { ag::detail::alias::start_checked_runtime(); }
} startup;
} // namespace
