# lit configuration of the checked runtime's suite (see lit.site.cfg.py.in).
import os
import lit.formats

config.name = 'aliasguard-dynamic'
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.cpp', '.test']
config.excludes = ['Inputs', 'stress', 'CMakeLists.txt', 'lit.cfg.py', 'expect_exit.py']
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ag_obj_root, 'test', 'dynamic')

compile = '%s -std=c++20 -g -O0 -pthread -I%s' % (config.ag_cxx, config.ag_include_dir)
checked_link = '-Wl,-u,ag_alias_checked_runtime %s %s' % (config.ag_runtime_checked,
                                                         config.ag_runtime)
config.substitutions += [
    # `%agcxx %s -o %t %ag_checked`: a program linked against the checked
    # runtime; `%ag_plain`: the plain one (checking only with AG_ALIAS_OPTIONS).
    ('%agcxx', compile),
    ('%ag_checked', checked_link),
    ('%ag_plain', config.ag_runtime),
    ('%ag_examples', os.path.join(os.path.dirname(config.test_source_root), '..', 'docs',
                                  'examples')),
    ('%expect_exit', 'python3 ' + os.path.join(config.test_source_root, 'expect_exit.py')),
    ('%FileCheck', os.path.join(config.filecheck_dir, 'FileCheck')),
    ('%not', os.path.join(config.filecheck_dir, 'not')),
]
# Each test sets the options it checks; none leaks in from the caller.
for var in ['AG_ALIAS_OPTIONS', 'AG_SYMBOLIZER_PATH', 'AG_NUM_THREADS']:
    config.environment.pop(var, None)
if 'PATH' in os.environ:
    config.environment['PATH'] = os.environ['PATH']
