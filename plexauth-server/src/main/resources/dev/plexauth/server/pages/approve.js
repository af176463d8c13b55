// The approval pages, /auth and /link: sign in with the server's public API, then approve a pin
// with PUT /api/v2/pins/link, then sign out. The token lives in this script's memory only: no cookie,
// no storage, and it ends on the server once the approval or denial is made.
// Text reaches the page through textContent only, never as HTML.
(function () {
  'use strict';

  // One identifier for every page session: signing in here again replaces this page's previous
  // token instead of adding a device each time.
  var PAGE_CLIENT = 'plexauth-approval-page';
  var PAGE_PRODUCT = 'plexauth approval page';
  var MAX_NAME = 80;

  var page = document.body.getAttribute('data-page');
  var session = { token: null, username: null, login: null, password: null };
  var request = readFragment(window.location.hash);
  var product = shorten(request.get('context[device][product]') || '') || 'An app';

  function $(id) {
    return document.getElementById(id);
  }

  function readFragment(hash) {
    // Apps open /auth#?clientID=…&code=…&context%5Bdevice%5D%5Bproduct%5D=…&forwardUrl=…
    // (some write #!?); the fragment never reaches a server.
    return new URLSearchParams(hash.replace(/^#!?\??/, ''));
  }

  function shorten(text) {
    var clean = text.replace(/[\u0000-\u001f\u007f]/g, '').trim();
    return clean.length > MAX_NAME ? clean.slice(0, MAX_NAME - 1) + '\u2026' : clean;
  }

  function show(id) {
    ['signin', 'verify', 'consent', 'code-form', 'done'].forEach(function (section) {
      var element = $(section);
      if (element) {
        element.hidden = section !== id;
      }
    });
  }

  function focusFirst(id) {
    var target = $(id);
    if (target) {
      target.focus();
    }
  }

  function say(text) {
    $('problem').textContent = '';
    $('notice').textContent = text;
  }

  function complain(text) {
    $('notice').textContent = '';
    $('problem').textContent = text;
  }

  function quiet() {
    $('notice').textContent = '';
    $('problem').textContent = '';
  }

  function busy(form, on) {
    Array.prototype.forEach.call(form.querySelectorAll('button, input'), function (control) {
      control.disabled = on;
    });
    form.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function waitText(response) {
    var seconds = parseInt(response.headers.get('Retry-After') || '', 10);
    if (!(seconds > 0)) {
      return 'a little while';
    }
    if (seconds < 90) {
      return seconds + (seconds === 1 ? ' second' : ' seconds');
    }
    var minutes = Math.ceil(seconds / 60);
    return minutes + ' minutes';
  }

  async function plexCode(response) {
    try {
      var body = await response.json();
      return body && body.errors && body.errors[0] ? body.errors[0].code : 0;
    } catch (e) {
      return 0;
    }
  }

  function form(fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      body.append(name, fields[name]);
    });
    return body;
  }

  async function send(method, path, fields, token) {
    var headers = {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Plex-Client-Identifier': PAGE_CLIENT,
      'X-Plex-Product': PAGE_PRODUCT
    };
    if (token) {
      headers['X-Plex-Token'] = token;
    }
    return fetch(path, {
      method: method,
      headers: headers,
      body: form(fields),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    });
  }

  // Sign-in: POST /api/v2/users/signin, then the verification code when the answer is 1029.

  // The form is busy while the request runs and usable again before the answer moves the focus: a
  // disabled field cannot take it.
  async function signIn(form, verificationCode) {
    var fields = { login: session.login, password: session.password, rememberMe: 'false' };
    if (verificationCode) {
      fields.verificationCode = verificationCode;
    }
    var response;
    busy(form, true);
    try {
      response = await send('POST', '/api/v2/users/signin', fields, null);
    } catch (e) {
      busy(form, false);
      complain('The server could not be reached. Check your connection and try again.');
      return;
    }
    busy(form, false);
    if (response.status === 201) {
      var user = await response.json();
      session.token = user.authToken;
      session.username = user.username || session.login;
      session.password = null;
      $('password').value = '';
      $('verification-code').value = '';
      signedIn();
      return;
    }
    var code = await plexCode(response);
    if (response.status === 401 && code === 1029) {
      quiet();
      show('verify');
      say('Enter the verification code for ' + session.login + '.');
      focusFirst('verification-code');
    } else if (response.status === 401 && code === 1028) {
      complain('That verification code is not right, or was used already. Wait for the next code and try again.');
      $('verification-code').select();
      focusFirst('verification-code');
    } else if (response.status === 401) {
      startOver();
      complain('Wrong username, email or password.');
      focusFirst('password');
    } else if (response.status === 429 && code === 1031) {
      complain('Too many failed sign-ins for this account. Try again in ' + waitText(response) + '.');
    } else if (response.status === 429) {
      complain('Too many attempts from your network. Try again in ' + waitText(response) + '.');
    } else if (response.status === 503) {
      complain('The server is busy. Try again in ' + waitText(response) + '.');
    } else if (response.status >= 500) {
      complain('The server had a problem. Try again in a moment.');
    } else {
      complain('The sign-in was refused (HTTP ' + response.status + ').');
    }
  }

  function startOver() {
    session.password = null;
    $('password').value = '';
    $('verification-code').value = '';
    show('signin');
  }

  function signedIn() {
    quiet();
    $('account').textContent = session.username;
    if (page === 'auth') {
      show('consent');
      focusFirst('consent-title');
    } else {
      show('code-form');
      var code = $('code');
      if (code.value) {
        focusFirst('approve');
      } else {
        focusFirst('code');
      }
    }
  }

  // Approval: PUT /api/v2/pins/link with the code and this page's token.

  async function link(code) {
    var response;
    try {
      response = await send('PUT', '/api/v2/pins/link', { code: code }, session.token);
    } catch (e) {
      complain('The server could not be reached. Check your connection and try again.');
      return false;
    }
    if (response.status === 204) {
      return true;
    }
    var plex = await plexCode(response);
    if (response.status === 404) {
      complain(
        page === 'auth'
          ? 'This sign-in request has expired or was used already. Go back to ' + product + ' and start again.'
          : 'That code is not valid or has expired. Check the code on your device and try again.');
    } else if (response.status === 401) {
      forget();
      show('signin');
      complain('Your session has ended. Sign in again.');
      focusFirst('login');
    } else if (response.status === 429 && plex === 1031) {
      complain('Too many wrong codes. Try again in ' + waitText(response) + '.');
    } else if (response.status === 429) {
      complain('Too many attempts from your network. Try again in ' + waitText(response) + '.');
    } else if (response.status >= 500) {
      complain('The server had a problem. Try again in a moment.');
    } else {
      complain('The approval was refused (HTTP ' + response.status + ').');
    }
    return false;
  }

  function forget() {
    session.token = null;
    session.password = null;
  }

  // After an approval or a denial the page needs its token no more: end it on the server too, so the
  // person's device list keeps no session of this page. Best effort: the approval stands either way.
  async function signOut() {
    var token = session.token;
    forget();
    if (!token) {
      return;
    }
    try {
      await send('DELETE', '/api/v2/users/signout', {}, token);
    } catch (e) {
      // The server could not be reached; the token ends with its idle timeout.
    }
  }

  function finish(title, text) {
    quiet();
    $('done-title').textContent = title;
    $('done-text').textContent = text;
    show('done');
    focusFirst('done-title');
  }

  // Only a web address may follow an approval: never javascript:, data: or anything else.
  function webAddress(raw) {
    if (!raw) {
      return null;
    }
    var url;
    try {
      url = new URL(raw);
    } catch (e) {
      return null;
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  }

  async function approve() {
    var section = $('consent');
    busy(section, true);
    say('Approving\u2026');
    var linked = await link(request.get('code'));
    busy(section, false);
    if (!linked) {
      if (session.token) {
        focusFirst('problem');
      }
      return;
    }
    await signOut();
    var forward = request.get('forwardUrl');
    var target = webAddress(forward);
    if (target) {
      say('Approved. Returning to ' + product + '\u2026');
      window.location.assign(target);
      return;
    }
    finish(
      product + ' is signed in',
      forward
        ? 'You can close this window. (The app asked to go on to an address that is not a web page; it was not opened.)'
        : 'You can close this window and go back to ' + product + '.');
  }

  async function deny() {
    await signOut();
    finish(
      'Sign-in denied',
      product + ' was not signed in. You can close this window.');
  }

  async function linkCode() {
    var input = $('code');
    var code = input.value.trim();
    if (!/^[A-Za-z0-9]{4}$/.test(code)) {
      complain('The code has 4 letters and digits.');
      focusFirst('code');
      return;
    }
    var codeForm = $('code-form');
    busy(codeForm, true);
    say('Approving\u2026');
    var linked = await link(code);
    busy(codeForm, false);
    if (linked) {
      input.value = '';
      await signOut();
      finish('Device linked', 'The device is now signed in as ' + session.username + '. It can take a few seconds to notice.');
    } else if (session.token) {
      input.select();
      focusFirst('code');
    }
  }

  function wire() {
    Array.prototype.forEach.call(document.querySelectorAll('.product'), function (element) {
      element.textContent = product;
    });

    $('signin').addEventListener('submit', async function (event) {
      event.preventDefault();
      var login = $('login').value.trim();
      var password = $('password').value;
      if (!login || !password) {
        complain('Enter your username or email and your password.');
        focusFirst(login ? 'password' : 'login');
        return;
      }
      session.login = login;
      session.password = password;
      say('Signing in\u2026');
      await signIn(this, null);
    });

    $('verify').addEventListener('submit', async function (event) {
      event.preventDefault();
      var code = $('verification-code').value.trim();
      if (!code) {
        complain('Enter the verification code.');
        focusFirst('verification-code');
        return;
      }
      say('Checking the code\u2026');
      await signIn(this, code);
    });

    $('start-over').addEventListener('click', function () {
      quiet();
      startOver();
      focusFirst('login');
    });

    if (page === 'auth') {
      $('approve').addEventListener('click', approve);
      $('deny').addEventListener('click', deny);
      if (!request.get('code')) {
        $('asking').hidden = true;
        complain('This link is incomplete: it has no sign-in code. Open it again from the app.');
        return;
      }
    } else {
      $('code-form').addEventListener('submit', function (event) {
        event.preventDefault();
        linkCode();
      });
      $('another').addEventListener('click', function () {
        quiet();
        show('code-form');
        focusFirst('code');
      });
      var prefilled = request.get('code');
      if (prefilled && /^[A-Za-z0-9]{4}$/.test(prefilled)) {
        $('code').value = prefilled.toUpperCase();
      }
    }
    show('signin');
    focusFirst('login');
  }

  wire();
})();
