// A task's form: form-js renders the schema with the task's variables; submitting posts the values
// to the server, which checks them again and completes the task. The server's problems (its own
// checks, or the engine refusing, e.g. a task listener denying a wrong ID number) come back as
// {fieldKey: message} and are shown on the fields through form-js's error state, or in our own
// element under a field where form-js does not show them.
(function () {
  'use strict';
  var root = document.getElementById('task-form');
  if (!root) {
    return;
  }
  var problemsBox = document.getElementById('form-problems');
  var button = document.getElementById('complete-task');
  var csrfToken = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');
  var schema = root.dataset.schema ? JSON.parse(root.dataset.schema) : null;
  var initialData = root.dataset.data ? JSON.parse(root.dataset.data) : {};
  var form = null;

  // form key -> component id (form-js keeps its errors by component id)
  function idsByKey(components, ids) {
    (components || []).forEach(function (component) {
      if (component.key) {
        ids[component.key] = component.id;
      }
      idsByKey(component.components, ids);
    });
    return ids;
  }

  function labelOf(components, key) {
    var found = null;
    (components || []).forEach(function (component) {
      if (!found && component.key === key) {
        found = component.label || key;
      }
      if (!found) {
        found = labelOf(component.components, key);
      }
    });
    return found;
  }

  function clearServerErrors() {
    problemsBox.textContent = '';
    root.querySelectorAll('.server-error').forEach(function (element) {
      element.remove();
    });
  }

  function showServerErrors(problems) {
    clearServerErrors();
    var ids = schema ? idsByKey(schema.components, {}) : {};
    var formErrors = {};
    var onFields = {};
    var summary = [];
    Object.keys(problems).forEach(function (key) {
      var id = ids[key];
      if (id && root.querySelector('[id^="fjs-form-"][id$="-' + id + '"]')) {
        formErrors[id] = [problems[key]];
        onFields[key] = id;
        summary.push((labelOf(schema.components, key) || key) + '：' + problems[key]);
      } else {
        summary.push(problems[key]);
      }
    });
    problemsBox.textContent = summary.join('\n');
    // on a phone the submit button is far below the first field: bring the problems into view
    problemsBox.scrollIntoView({ block: 'start' });
    if (form && Object.keys(formErrors).length) {
      try {
        // form-js has no public API for external errors; its state shows them as its own
        form._setState({ errors: Object.assign({}, form._getState().errors, formErrors) });
      } catch (e) {
        // our own elements below still show them
      }
    }
    // after form-js has re-rendered with the state above: our own element under a field where
    // form-js does not show the message (its internal state may change between versions)
    window.setTimeout(function () {
      Object.keys(onFields).forEach(function (key) {
        var field = root.querySelector('[id^="fjs-form-"][id$="-' + onFields[key] + '"]');
        if (!field) {
          return;
        }
        var holder = field.closest('.fjs-form-field') || field.parentElement;
        var shown = Array.prototype.some.call(holder.querySelectorAll('.fjs-form-field-error'), function (element) {
          return element.textContent.indexOf(problems[key]) >= 0;
        });
        if (!shown) {
          var own = document.createElement('div');
          own.className = 'server-error';
          own.setAttribute('data-field', key);
          own.textContent = problems[key];
          holder.appendChild(own);
        }
      });
    }, 0);
  }

  function submit() {
    var values = {};
    if (form) {
      var result = form.submit();
      if (Object.keys(result.errors || {}).length) {
        return; // form-js shows its own checks on the fields
      }
      values = result.data;
    }
    button.disabled = true;
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrfToken && csrfHeader) {
      headers[csrfHeader.content] = csrfToken.content;
    }
    fetch(root.dataset.action, { method: 'POST', headers: headers, body: JSON.stringify(values), credentials: 'same-origin' })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok && body.location) {
            window.location.assign(body.location);
          } else if (response.status === 422) {
            showServerErrors(body);
          } else {
            showServerErrors({ _form: root.dataset.failed + ' (' + response.status + ')' });
          }
        });
      })
      .catch(function () {
        showServerErrors({ _form: root.dataset.failed });
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  button.addEventListener('click', submit);
  if (!schema) {
    return;
  }
  try {
    form = new FormViewer.Form({ container: root.querySelector('.form-container') });
    form.importSchema(schema, initialData).catch(function (error) {
      problemsBox.textContent = root.dataset.loadError + ' ' + error.message;
    });
    root.addEventListener('input', function (event) {
      // the person corrects a field: its server message no longer applies
      var holder = event.target.closest && event.target.closest('.fjs-form-field');
      if (holder) {
        holder.querySelectorAll('.server-error').forEach(function (element) { element.remove(); });
      }
    });
  } catch (error) {
    problemsBox.textContent = root.dataset.loadError + ' ' + error.message;
  }
})();
