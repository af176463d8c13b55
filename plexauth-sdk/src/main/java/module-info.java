/**
 * The Java client for the Plex authentication operations: {@code dev.plexauth.sdk} (the client, its
 * options and transport), {@code dev.plexauth.sdk.models} (requests and answers) and {@code
 * dev.plexauth.sdk.errors} (the exception tree). Everything else, the transport, the codecs and the
 * retry loop, is not API and not exported.
 *
 * <p>jjwt ships no module descriptor, so it is required as automatic modules (named after its
 * jars); the warning that this draws is expected and suppressed here only.
 */
@SuppressWarnings("requires-automatic")
module dev.plexauth.sdk {
  requires transitive java.net.http;
  requires java.xml;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  // JWS and JWK for the device-key login; jjwt's implementation and its Jackson binding are
  // found at run time.
  requires jjwt.api;

  exports dev.plexauth.sdk;
  exports dev.plexauth.sdk.models;
  exports dev.plexauth.sdk.errors;

  // Jackson reads and writes the model records reflectively.
  opens dev.plexauth.sdk.models to
      com.fasterxml.jackson.databind;
}
