package dev.plexauth.sdk.internal;

import static dev.plexauth.sdk.internal.Operation.Server.PLEX_TV;
import static dev.plexauth.sdk.internal.Operation.Server.PMS;

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
