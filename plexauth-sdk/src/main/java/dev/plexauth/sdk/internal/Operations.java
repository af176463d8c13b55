package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.errors.GetSourceConnectionInformationBadRequest;
import dev.plexauth.sdk.errors.GetSourceConnectionInformationUnauthorized;
import dev.plexauth.sdk.errors.GetTokenDetailsBadRequest;
import dev.plexauth.sdk.errors.GetTokenDetailsUnauthorized;
import dev.plexauth.sdk.errors.GetTransientTokenBadRequest;
import dev.plexauth.sdk.errors.GetTransientTokenUnauthorized;
import dev.plexauth.sdk.errors.PostUsersSignInDataBadRequest;
import dev.plexauth.sdk.errors.PostUsersSignInDataUnauthorized;
import dev.plexauth.sdk.models.GetSourceConnectionInformationResponse;
import dev.plexauth.sdk.models.GetTokenDetailsResponse;
import dev.plexauth.sdk.models.GetTransientTokenQueryParamType;
import dev.plexauth.sdk.models.GetTransientTokenResponse;
import dev.plexauth.sdk.models.PostUsersSignInDataRequest;
import dev.plexauth.sdk.models.PostUsersSignInDataRequestBody;
import dev.plexauth.sdk.models.PostUsersSignInDataResponse;
import dev.plexauth.sdk.models.Scope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The four operations: the table of what each one sends and expects. */
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
    return new Operation<>(
        "getTransientToken",
        "GET",
        Operation.Server.PMS,
        "security/token",
        List.of(Map.entry("type", type.value()), Map.entry("scope", scope.value())),
        true,
        false,
        null,
        null,
        NO_BODY,
        Decoders::transientToken,
        GetTransientTokenBadRequest::new,
        GetTransientTokenUnauthorized::new);
  }

  /**
   * {@code GET /security/resources?source=…} on the PMS.
   *
   * @param source the source identifier
   * @return the operation
   */
  public static Operation<GetSourceConnectionInformationResponse> getSourceConnectionInformation(
      String source) {
    return new Operation<>(
        "getSourceConnectionInformation",
        "GET",
        Operation.Server.PMS,
        "security/resources",
        List.of(Map.entry("source", source)),
        true,
        false,
        null,
        null,
        NO_BODY,
        Decoders::sourceConnectionInformation,
        GetSourceConnectionInformationBadRequest::new,
        GetSourceConnectionInformationUnauthorized::new);
  }

  /**
   * {@code GET /user} on plex.tv.
   *
   * @return the operation
   */
  public static Operation<GetTokenDetailsResponse> getTokenDetails() {
    return new Operation<>(
        "getTokenDetails",
        "GET",
        Operation.Server.PLEX_TV,
        "user",
        List.of(),
        true,
        false,
        null,
        null,
        NO_BODY,
        Decoders::tokenDetails,
        GetTokenDetailsBadRequest::new,
        GetTokenDetailsUnauthorized::new);
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
    return new Operation<>(
        "postUsersSignInData",
        "POST",
        Operation.Server.PLEX_TV,
        "users/signin",
        List.of(),
        false,
        true,
        identity,
        "application/x-www-form-urlencoded",
        body,
        Decoders::signIn,
        PostUsersSignInDataBadRequest::new,
        PostUsersSignInDataUnauthorized::new);
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
