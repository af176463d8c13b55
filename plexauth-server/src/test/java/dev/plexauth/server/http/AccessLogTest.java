package dev.plexauth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The access log's query masking; SecretsTest checks the log lines of a running server. */
class AccessLogTest {

  @Test
  void valuesOfSecretLikeParametersAreMaskedAndTheRestKept() {
    assertThat(AccessLog.maskQuery("type=delegation&X-Plex-Token=abc&scope=all"))
        .isEqualTo("type=delegation&X-Plex-Token=***&scope=all");
    assertThat(AccessLog.maskQuery("x-plex-token=abc&other=1"))
        .isEqualTo("x-plex-token=***&other=1");
    assertThat(AccessLog.maskQuery("password=hunter2&verificationCode=424242&apiKey=k&auth=a"))
        .isEqualTo("password=***&verificationCode=***&apiKey=***&auth=***");
    assertThat(AccessLog.maskQuery("clientSecret=s&source=server%3A%2F%2Fx"))
        .isEqualTo("clientSecret=***&source=server%3A%2F%2Fx");
  }

  @Test
  void percentEncodedNamesAreDecodedBeforeTheyAreJudged() {
    assertThat(AccessLog.maskQuery("X-Plex-%54oken=abc")).isEqualTo("X-Plex-%54oken=***");
    assertThat(AccessLog.maskQuery("pass%77ord=x&%ZZtoken=y"))
        .isEqualTo("pass%77ord=***&%ZZtoken=***");
  }

  @Test
  void oddQueriesKeepTheirShape() {
    assertThat(AccessLog.maskQuery("")).isEmpty();
    assertThat(AccessLog.maskQuery("token")).isEqualTo("token");
    assertThat(AccessLog.maskQuery("&&token=x&")).isEqualTo("&&token=***&");
    assertThat(AccessLog.maskQuery("token==x")).isEqualTo("token=***");
  }
}
