// The whole ag runtime API: #include <ag/ag.h>.
#pragma once

#include "ag/alias.h"
#include "ag/array_ref.h"
#include "ag/dtype.h"
#include "ag/error.h"
#include "ag/functions.h"
#include "ag/indexing.h"
#include "ag/ndarray.h"
#include "ag/options.h"
#include "ag/scalar.h"
#include "ag/tensor.h"
#include "ag/tensor_data.h"
