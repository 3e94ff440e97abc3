#include "synth/core/version.hpp"
