// Printing per-row probabilities of a count matrix through named row views:
// each row is divided in place, so the total count computed afterwards from
// the matrix is the number of rows, not the number of events.
#include <ag/ag.h>

#include <iostream>

int main() {
  ag::Tensor counts = ag::tensor({{1.0f, 3.0f}, {2.0f, 2.0f}, {0.0f, 5.0f}});

  for (int64_t i = 0; i < counts.size(0); ++i) {
    ag::Tensor row = counts[i];
    row.div_(row.sum());
    std::cout << "row " << i << " probabilities " << row << "\n";
  }
  float total = counts.sum().item<float>();
  std::cout << "total count " << total << "\n";
  return 0;
}
// EXPECT: view-mutation write=13 read=16
// KNOWN-LIMIT: static view-mutation write=13 read=16 -- scoped-view: the runtime counts a write through a view that dies before the base is read as the base's own write (what keeps x[0] = 1 and x.narrow(...).fill_(0) silent), so a named view scoped to the loop body is not reported
