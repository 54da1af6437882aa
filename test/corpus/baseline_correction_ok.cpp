// Baseline correction of sensor traces (one trace per row, one sample per
// column): every sample minus the trace's first sample, read from a copy of
// the first column taken before any sample is written.
#include <ag/ag.h>

#include <iostream>

void subtract_baseline(ag::Tensor &traces) {
  ag::Tensor baseline = traces.slice(1, 0, 1).clone();
  traces -= baseline;
}

int main() {
  ag::Tensor traces = ag::tensor({{10.0f, 11.0f, 13.0f, 12.0f},
                                  {20.0f, 19.0f, 22.0f, 25.0f},
                                  {5.0f, 5.5f, 6.0f, 4.0f}});
  subtract_baseline(traces);
  // The same for a lagged difference: the shifted columns are copied first.
  ag::Tensor lagged = traces.slice(1, 0, 3).clone();
  traces.slice(1, 1).sub_(lagged);
  std::cout << "corrected " << traces << "\n";
  return 0;
}
// EXPECT: none
