package dev.plexauth.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Jetty's HTTP/1.1 connections, each remembering whether the request it is parsing asked for JSON.
 * When Jetty refuses a request before its header block is complete (431: headers over the limit),
 * the request it hands to {@link JettyErrors} carries no headers at all; the {@code Accept} header
 * parsed before the refusal still decides whether the error body is JSON or XML. An {@code Accept}
 * that came after the point of refusal was never read, and the answer is the default, XML.
 */
final class AcceptRecordingConnectionFactory extends HttpConnectionFactory {

  AcceptRecordingConnectionFactory(HttpConfiguration config) {
    super(config);
  }

  /** As {@link HttpConnectionFactory#newConnection}, with the recording connection. */
  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    RecordingConnection connection =
        new RecordingConnection(getHttpConfiguration(), connector, endPoint);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  /**
   * Whether the request on this connection sent an {@code Accept} asking for JSON, as far as Jetty
   * parsed its headers.
   *
   * @param request the request Jetty refused
   * @return true when a parsed {@code Accept} includes {@code application/json}
   */
  static boolean acceptedJson(Request request) {
    return request.getConnectionMetaData().getConnection() instanceof RecordingConnection recording
        && recording.acceptsJson;
  }

  private static final class RecordingConnection extends HttpConnection {

    /** Written by the parsing thread, read by the thread that writes the error answer. */
    private volatile boolean acceptsJson;

    RecordingConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
      super(config, connector, endPoint);
    }

    @Override
    protected RequestHandler newRequestHandler() {
      return new RequestHandler() {
        @Override
        public void messageBegin() {
          acceptsJson = false;
          super.messageBegin();
        }

        @Override
        public void parsedHeader(HttpField field) {
          if (HttpHeader.ACCEPT.is(field.getName()) && JettyErrors.asksForJson(field.getValue())) {
            acceptsJson = true;
          }
          super.parsedHeader(field);
        }
      };
    }
  }
}
