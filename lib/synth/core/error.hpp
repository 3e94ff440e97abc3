#pragma once
// The two exceptions of synth. Expected failures of user input, the network or the
// store are an Error: its message is shown to the user as `synth: error: <what>`.
#include <stdexcept>
#include <string>

namespace synth {

// A failure the user can act on: bad input, network, store. `what()` already names
// the place (file:line: ...) and is lower case without a trailing period.
class Error : public std::runtime_error
{
public:
  explicit Error(const std::string& message, std::string hint = {})
    : std::runtime_error(message), m_hint(std::move(hint))
  {
  }
  const std::string& hint() const { return m_hint; }

private:
  std::string m_hint;
};

// A misuse of the command line: exit code 2.
class UsageError : public Error
{
public:
  using Error::Error;
};

} // namespace synth
