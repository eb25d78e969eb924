/*
 * The form side of the Models editor: the form-js editor. The engine's form checks name no field,
 * so problems are listed, not marked; the list's button selects a field whose id or key matches.
 */
(function () {
  'use strict';
  var editor;

  window.ReliefModelAdapter = {
    open: function (container, json) {
      return FormEditor.createFormEditor({ container: container, schema: JSON.parse(json) }).then(function (created) {
        editor = created;
        window.reliefModeler = editor;
      });
    },

    content: function () {
      return Promise.resolve(JSON.stringify(editor.saveSchema(), null, 2));
    },

    clear: function () {},

    mark: function () {},

    select: function (elementId) {
      var registry = editor.get('formFieldRegistry');
      var field = registry.getAll().filter(function (f) { return f.id === elementId || f.key === elementId; })[0];
      if (field) {
        editor.get('selection').set(field);
      }
    }
  };
})();
