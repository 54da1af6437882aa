// The precompiled header of the LibTorch test programs (test/dynamic/torch,
// test/corpus/torch).
#include <torch/torch.h>
