#include <ag/ag.h>
#include <iostream>

int main() {
  std::cout << "main ran\n";
  try {
    ag::alias::set_options("verbose=1");
  } catch (const ag::Error &e) {
    std::cout << "caught: " << e.what() << "\n";
  }
  std::cout << "still enabled: " << ag::alias::enabled() << "\n";
  return 0;
}
