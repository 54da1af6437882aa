#pragma once
#ifndef AG_PROJECT_SCALE
#error "AG_PROJECT_SCALE is set by the target's compile definitions"
#endif
inline constexpr int project_scale = AG_PROJECT_SCALE;
