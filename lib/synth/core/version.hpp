#pragma once
namespace synth {
inline constexpr const char* k_version = SYNTH_VERSION;
}
