// Baseline correction of sensor traces (one trace per row, one sample per
// column): every sample minus the trace's first sample. The operand is the
// first column of the matrix being written, so the first sample of each row
// is zeroed before the rest of its row has read it.
#include <ag/ag.h>

#include <iostream>

void subtract_baseline(ag::Tensor &traces) {
  traces -= traces.slice(1, 0, 1);
}

int main() {
  ag::Tensor traces = ag::tensor({{10.0f, 11.0f, 13.0f, 12.0f},
                                  {20.0f, 19.0f, 22.0f, 25.0f},
                                  {5.0f, 5.5f, 6.0f, 4.0f}});
  subtract_baseline(traces);
  std::cout << "drift per trace " << traces.slice(1, 3, 4).view({-1}) << "\n";
  return 0;
}
// EXPECT: overlapping-inplace write=10
