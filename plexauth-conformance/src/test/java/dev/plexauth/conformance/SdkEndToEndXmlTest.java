package dev.plexauth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.TransportRequest;
import dev.plexauth.sdk.TransportResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;

/**
 * The SDK end-to-end suite with XML answers, as Plex servers give to clients that do not ask for
 * JSON: the transport asks for {@code application/xml} instead of the SDK's default. Every answer
 * is checked against the project's OpenAPI document on its way (documented status, headers, content
 * type and XML root element).
 */
class SdkEndToEndXmlTest extends SdkEndToEndSuite {

  private static final Transport JDK = Transport.jdk(Duration.ofSeconds(5));
  private static final List<String> CONTENT_TYPES = new CopyOnWriteArrayList<>();

  private static final Transport ASKING_FOR_XML =
      request -> {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Accept"));
        headers.put("Accept", "application/xml");
        TransportResponse response =
            JDK.send(
                new TransportRequest(
                    request.method(), request.uri(), headers, request.body(), request.timeout()));
        if (response.statusCode() != 204) {
          CONTENT_TYPES.add(contentType(response));
        }
        return response;
      };

  private static final ContractValidatingTransport XML =
      new ContractValidatingTransport(ASKING_FOR_XML, OpenApiContract.load());

  @Override
  Transport transport() {
    return XML;
  }

  private static String contentType(TransportResponse response) {
    return response.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse("");
  }

  @AfterAll
  static void everyAnswerWasXmlAsDocumented() {
    assertThat(CONTENT_TYPES)
        .hasSizeGreaterThan(20)
        .allSatisfy(t -> assertThat(t).startsWith("text/xml"));
    assertThat(
            XML.checked().stream()
                .filter(c -> !c.violations().isEmpty())
                .map(c -> c.key() + ": " + c.violations())
                .collect(Collectors.toList()))
        .isEmpty();
  }
}
