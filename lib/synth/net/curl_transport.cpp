#include "synth/core/version.hpp"
#include "synth/net/http.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <mutex>

namespace synth::net {

namespace {

std::size_t write_body(char* data, std::size_t size, std::size_t n, void* user)
{
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

std::size_t write_header(char* data, std::size_t size, std::size_t n, void* user)
{
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    headers->clear(); // a new response (after 100-continue or a redirect)
    return size * n;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name;
    for (char c : line.substr(0, colon)) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    (*headers)[name] = std::string(value);
  }
  return size * n;
}

std::string default_user_agent()
{
  std::string ua = fmt::format("synth/{} (+https://github.com/synth-review/synth", k_version);
  if (const char* email = std::getenv("SYNTH_EMAIL"); email && *email) {
    ua += fmt::format("; mailto:{}", email);
  }
  return ua + ")";
}

} // namespace

CurlTransport::CurlTransport(const HttpOptions& options) : m_options(options)
{
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (m_options.user_agent.empty()) {
    m_options.user_agent = default_user_agent();
  }
  m_curl = curl_easy_init();
}

CurlTransport::~CurlTransport()
{
  if (m_curl) {
    curl_easy_cleanup(static_cast<CURL*>(m_curl));
  }
}

Attempt CurlTransport::perform(const Request& request)
{
  auto* curl = static_cast<CURL*>(m_curl);
  curl_easy_reset(curl);
  Attempt a;
  std::string url = request.url;
  std::string body = encode_params(request.params);
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  } else if (!body.empty()) {
    url += (url.find('?') == std::string::npos ? "?" : "&") + body;
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, m_options.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""); // gzip/deflate as libcurl supports
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a.response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &a.response.headers);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);

  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    a.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      a.failure = Attempt::Failure::connect;
      break;
    case CURLE_OPERATION_TIMEDOUT:
      a.failure = Attempt::Failure::timeout;
      break;
    case CURLE_PARTIAL_FILE:
      a.failure = Attempt::Failure::truncated;
      break;
    default:
      a.failure = Attempt::Failure::other;
      break;
    }
    a.response.body.clear();
    return a;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.response.status);
  // A body shorter than Content-Length that libcurl let through (should not happen).
  curl_off_t cl = -1;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
  auto enc = a.response.header("content-encoding");
  if (cl >= 0 && enc.empty() && static_cast<curl_off_t>(a.response.body.size()) != cl) {
    a.failure = Attempt::Failure::truncated;
    a.error = fmt::format("got {} of {} bytes", a.response.body.size(), static_cast<long long>(cl));
    a.response.body.clear();
  }
  return a;
}

} // namespace synth::net
