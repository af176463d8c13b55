package dev.plexauth.sdk.internal;

import static dev.plexauth.sdk.internal.Operation.Server.PLEX_TV;
import static dev.plexauth.sdk.internal.Operation.Server.PMS;

import dev.plexauth.sdk.errors.BadRequestException;
import dev.plexauth.sdk.errors.GetPinBadRequest;
import dev.plexauth.sdk.errors.GetServerCapabilitiesBadRequest;
import dev.plexauth.sdk.errors.GetServerCapabilitiesUnauthorized;
import dev.plexauth.sdk.errors.GetServerIdentityRequestTimeout;
import dev.plexauth.sdk.errors.GetServerResourcesBadRequest;
import dev.plexauth.sdk.errors.GetServerResourcesUnauthorized;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationBadRequest;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationUnauthorized;
import dev.plexauth.sdk.errors.GetTokenByPinIdBadRequest;
import dev.plexauth.sdk.errors.GetTokenByPinIdNotFound;
import dev.plexauth.sdk.errors.GetTokenDetailsBadRequest;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.GetTransientTokenBadRequest;
import dev.plexauth.sdk.errors.GetTransientTokenUnauthorized;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.errors.UnauthorizedException;
import dev.plexauth.sdk.models.DevicesResponse;
import dev.plexauth.sdk.models.GetPinRequest;
import dev.plexauth.sdk.models.GetPinResponse;
import dev.plexauth.sdk.models.GetServerCapabilitiesResponse;
import dev.plexauth.sdk.models.GetServerIdentityResponse;
import dev.plexauth.sdk.models.GetServerResourcesResponse;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTokenByPinIdRequest;
import dev.plexauth.sdk.models.GetTokenByPinIdResponse;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.IncludeHttps;
import dev.plexauth.sdk.models.IncludeIPv6;
import dev.plexauth.sdk.models.IncludeRelay;
import dev.plexauth.sdk.models.LinkPinResponse;
import dev.plexauth.sdk.models.PingResponse;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import dev.plexauth.sdk.models.RemoveDeviceResponse;
import dev.plexauth.sdk.models.Scope;
import dev.plexauth.sdk.models.SignOutResponse;
import java.nio.charset.StandardCharsets;

/** The operations: the table of what each one sends and expects. */
public final class Operations {

  private static final byte[] NO_BODY = new byte[0];

  private Operations() {}

  /**
   * {@code GET /security/token?type=…&scope=…} on the PMS.
   *
   * @param type the token type
   * @param scope the scope
   * @return the operation
   */
  public static Operation<GetTransientTokenResponse> getTransientToken(
      GetTransientTokenQueryParamType type, Scope scope) {
    return Operation.<GetTransientTokenResponse>get("getTransientToken", PMS, "security/token")
        .query("type", type.value())
        .query("scope", scope.value())
        .decoder(Decoders::transientToken)
        .errors(GetTransientTokenBadRequest::new, GetTransientTokenUnauthorized::new)
        .build();
  }

  /**
   * {@code GET /security/resources?source=…} on the PMS.
   *
   * @param source the source identifier
   * @return the operation
   */
  public static Operation<GetSourceConnectionInformationResponse> getSourceConnectionInformation(
      String source) {
    return Operation.<GetSourceConnectionInformationResponse>get(
            "getSourceConnectionInformation", PMS, "security/resources")
        .query("source", source)
        .decoder(Decoders::sourceConnectionInformation)
        .errors(
            GetSourceConnectionInformationBadRequest::new,
            GetSourceConnectionInformationUnauthorized::new)
        .build();
  }

  /**
   * {@code GET /user} on plex.tv.
   *
   * @return the operation
   */
  public static Operation<GetTokenDetailsResponse> getTokenDetails() {
    return Operation.<GetTokenDetailsResponse>get("getTokenDetails", PLEX_TV, "user")
        .decoder(Decoders::tokenDetails)
        .errors(GetTokenDetailsBadRequest::new, GetTokenDetailsUnauthorized::new)
        .build();
  }

  /**
   * {@code POST /users/signin} on plex.tv, with a form body and no token.
   *
   * @param request the identity and credentials
   * @return the operation
   */
  public static Operation<PostUsersSignInDataResponse> postUsersSignInData(
      PostUsersSignInDataRequest request) {
    ClientConfig.Identity identity =
        new ClientConfig.Identity(
            request.clientID(),
            request.clientName(),
            request.clientVersion(),
            request.platform(),
            request.deviceNickname());
    byte[] body = request.requestBody().map(Operations::form).orElse(NO_BODY);
    return Operation.<PostUsersSignInDataResponse>post(
            "postUsersSignInData", PLEX_TV, "users/signin")
        .form(body)
        .signIn(identity)
        .decoder(Decoders::signIn)
        .errors(PostUsersSignInDataBadRequest::new, PostUsersSignInDataUnauthorized::new)
        .build();
  }

  /**
   * {@code GET /resources?includeHttps=…&includeIPv6=…&includeRelay=…} on plex.tv, with the client
   * identifier the call names.
   *
   * @param clientID the {@code X-Plex-Client-Identifier}
   * @param https whether to list https connections
   * @param relay whether to list relay connections
   * @param ipv6 whether to list IPv6 connections
   * @return the operation
   */
  public static Operation<GetServerResourcesResponse> getServerResources(
      String clientID, IncludeHttps https, IncludeRelay relay, IncludeIPv6 ipv6) {
    return Operation.<GetServerResourcesResponse>get("getServerResources", PLEX_TV, "resources")
        .query("includeHttps", Integer.toString(https.value()))
        .query("includeIPv6", Integer.toString(ipv6.value()))
        .query("includeRelay", Integer.toString(relay.value()))
        .header("X-Plex-Client-Identifier", clientID)
        .decoder(Decoders::serverResources)
        .errors(GetServerResourcesBadRequest::new, GetServerResourcesUnauthorized::new)
        .build();
  }

  /**
   * {@code GET /identity} on the PMS, without a token.
   *
   * @return the operation
   */
  public static Operation<GetServerIdentityResponse> getServerIdentity() {
    return Operation.<GetServerIdentityResponse>get("getServerIdentity", PMS, "identity")
        .noToken()
        .decoder(Decoders::serverIdentity)
        .errors(BadRequestException::new, UnauthorizedException::new)
        .error(408, GetServerIdentityRequestTimeout::new)
        .build();
  }

  /**
   * {@code GET /} on the PMS.
   *
   * @return the operation
   */
  public static Operation<GetServerCapabilitiesResponse> getServerCapabilities() {
    return Operation.<GetServerCapabilitiesResponse>get("getServerCapabilities", PMS, "")
        .decoder(Decoders::serverCapabilities)
        .errors(GetServerCapabilitiesBadRequest::new, GetServerCapabilitiesUnauthorized::new)
        .build();
  }

  /**
   * {@code GET /ping} on plex.tv.
   *
   * @return the operation
   */
  public static Operation<PingResponse> ping() {
    return Operation.<PingResponse>get("ping", PLEX_TV, "ping")
        .decoder(Decoders::ping)
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code DELETE /users/signout} on plex.tv.
   *
   * @return the operation
   */
  public static Operation<SignOutResponse> signOut() {
    return Operation.<SignOutResponse>delete("signOut", PLEX_TV, "users/signout")
        .decoder(
            answer ->
                new SignOutResponse(answer.statusCode(), answer.contentType(), answer.headers()))
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code GET /devices} on plex.tv.
   *
   * @return the operation
   */
  public static Operation<DevicesResponse> devices() {
    return Operation.<DevicesResponse>get("devices", PLEX_TV, "devices")
        .decoder(Decoders::devices)
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code DELETE /devices/{id}} on plex.tv.
   *
   * @param id the device id
   * @return the operation
   */
  public static Operation<RemoveDeviceResponse> removeDevice(long id) {
    return Operation.<RemoveDeviceResponse>delete("removeDevice", PLEX_TV, "devices/" + id)
        .decoder(
            answer ->
                new RemoveDeviceResponse(
                    answer.statusCode(), answer.contentType(), answer.headers()))
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code POST /pins?strong=…} on plex.tv: a new pin, with the request's own identity and no
   * token, as plexjs sends it.
   *
   * @param request the kind of code and the identity
   * @return the operation
   */
  public static Operation<GetPinResponse> getPin(GetPinRequest request) {
    return Operation.<GetPinResponse>post("getPin", PLEX_TV, "pins")
        .query("strong", Boolean.toString(request.strong()))
        .signIn(
            new ClientConfig.Identity(
                request.clientID(),
                request.clientName(),
                request.clientVersion(),
                request.platform(),
                request.deviceNickname()))
        .decoder(Decoders::pin)
        .errors(GetPinBadRequest::new, UnauthorizedException::new)
        .build();
  }

  /**
   * {@code GET /pins/{pinID}} on plex.tv: the pin, with its token once approved. Like the sign-in
   * it is never resent once it may have reached the server: the answer that hands the token out is
   * the only one that has it.
   *
   * @param request the pin id and the identity
   * @return the operation
   */
  public static Operation<GetTokenByPinIdResponse> getTokenByPinId(GetTokenByPinIdRequest request) {
    return Operation.<GetTokenByPinIdResponse>get(
            "getTokenByPinId", PLEX_TV, "pins/" + request.pinID())
        .signIn(
            new ClientConfig.Identity(
                request.clientID(),
                request.clientName(),
                request.clientVersion(),
                request.platform(),
                request.deviceNickname()))
        .decoder(Decoders::polledPin)
        .errors(GetTokenByPinIdBadRequest::new, UnauthorizedException::new)
        .error(404, GetTokenByPinIdNotFound::new)
        .build();
  }

  /**
   * {@code PUT /pins/link} on plex.tv with the form field {@code code} and the client's token: the
   * approval of a pin. Sent once: a second send would find the code used and count a wrong code.
   *
   * @param code the pin's code
   * @return the operation
   */
  public static Operation<LinkPinResponse> linkPin(String code) {
    byte[] body = ("code=" + Urls.encodeComponent(code)).getBytes(StandardCharsets.UTF_8);
    return Operation.<LinkPinResponse>put("linkPin", PLEX_TV, "pins/link")
        .form(body)
        .once()
        .decoder(Decoders::linked)
        .errors(BadRequestException::new, UnauthorizedException::new)
        .build();
  }

  /** The form body in plexjs's field order, encoded like {@code encodeURIComponent}. */
  private static byte[] form(PostUsersSignInDataRequestBody body) {
    StringBuilder form =
        new StringBuilder()
            .append("login=")
            .append(Urls.encodeComponent(body.login()))
            .append("&password=")
            .append(Urls.encodeComponent(body.password()))
            .append("&rememberMe=")
            .append(body.rememberMe());
    if (body.hasVerificationCode()) {
      form.append("&verificationCode=").append(Urls.encodeComponent(body.verificationCode()));
    }
    return form.toString().getBytes(StandardCharsets.UTF_8);
  }
}
