/*
 * The Models editor page: loads the model into the kind's editor (models-bpmn.js, models-dmn.js,
 * models-form.js set window.ReliefModelAdapter), validates it on the server and deploys it. The
 * edited model stays in the editor whatever the server answers: nothing is lost on an error.
 */
(function () {
  'use strict';
  var page = document.getElementById('editor');
  var adapter = window.ReliefModelAdapter;
  var text = document.getElementById('i18n').dataset;
  var statusBox = document.getElementById('status');
  var list = document.getElementById('problems');

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.content : null;
  }

  function status(message, state) {
    statusBox.hidden = false;
    statusBox.textContent = message;
    statusBox.className = 'flash ' + (state === 'error' ? 'error' : state === 'warn' ? 'warn' : '');
    statusBox.dataset.state = state || 'info';
  }

  function post(url, body) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (meta('_csrf_header')) {
      headers[meta('_csrf_header')] = meta('_csrf');
    }
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (response) {
        return response.text().then(function (body) {
          var data = null;
          try { data = JSON.parse(body); } catch (ignored) { /* an error page, not JSON */ }
          return { status: response.status, data: data };
        });
      });
  }

  /** The problems in the list (a button per element selects it) and on the elements. */
  function show(problems) {
    adapter.clear();
    list.textContent = '';
    list.hidden = problems.length === 0;
    adapter.mark(problems);
    problems.forEach(function (problem) {
      var item = document.createElement('li');
      item.dataset.elementId = problem.elementId || '';
      if (problem.elementId) {
        var select = document.createElement('button');
        select.type = 'button';
        select.className = 'element-link';
        select.textContent = problem.elementId;
        select.addEventListener('click', function () { adapter.select(problem.elementId); });
        item.appendChild(select);
      } else {
        var whole = document.createElement('span');
        whole.className = 'muted';
        whole.textContent = text.whole;
        item.appendChild(whole);
      }
      item.appendChild(document.createTextNode(' ' + problem.message));
      list.appendChild(item);
    });
  }

  function failed(result) {
    if (result.status === 403) {
      status(text.denied, 'error');
    } else {
      status(text.failed + ' ' + ((result.data && result.data.message) || ('HTTP ' + result.status)), 'error');
    }
  }

  function model() {
    return adapter.content().then(function (content) {
      return { resourceName: page.dataset.resourceName, content: content };
    });
  }

  function busy(on) {
    document.getElementById('validate').disabled = on;
    document.getElementById('deploy').disabled = on;
  }

  function validate() {
    busy(true);
    return model().then(function (body) { return post(page.dataset.validateUrl, body); }).then(function (result) {
      if (result.status !== 200 || !result.data) {
        failed(result);
      } else if (!result.data.checked) {
        show([]);
        status(text.unchecked, 'warn');
      } else if (result.data.valid) {
        show([]);
        status(text.valid, 'ok');
      } else {
        show(result.data.problems);
        status(text.invalid.replace('{0}', result.data.problems.length), 'error');
      }
    }).catch(function (error) {
      status(text.failed + ' ' + error.message, 'error');
    }).then(function () { busy(false); });
  }

  function deploy() {
    busy(true);
    return model().then(function (body) { return post(page.dataset.deployUrl, body); }).then(function (result) {
      if (result.status === 200 && result.data) {
        show([]);
        status(text.deployed.replace('{0}', result.data.id).replace('{1}', result.data.version), 'ok');
        statusBox.dataset.version = result.data.version;
      } else if (result.status === 422 && result.data) {
        show(result.data.problems || []);
        status(text.rejected + ' ' + result.data.message, 'error');
      } else {
        failed(result);
      }
    }).catch(function (error) {
      status(text.failed + ' ' + error.message, 'error');
    }).then(function () { busy(false); });
  }

  document.getElementById('validate').addEventListener('click', validate);
  document.getElementById('deploy').addEventListener('click', deploy);

  status(text.loading);
  fetch(page.dataset.sourceUrl, { credentials: 'same-origin' }).then(function (response) {
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.text();
  }).then(function (source) {
    return adapter.open(document.getElementById('canvas'), source, page);
  }).then(function () {
    statusBox.hidden = true;
    page.dataset.ready = 'true';
  }).catch(function (error) {
    status(text.loadFailed + ' ' + error.message, 'error');
  });
})();
