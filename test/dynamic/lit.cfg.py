# lit configuration of the checked runtime's suite (see lit.site.cfg.py.in).
import os
import lit.formats

config.name = 'aliasguard-dynamic'
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.cpp', '.test']
config.excludes = ['Inputs', 'stress', 'CMakeLists.txt', 'lit.cfg.py', 'expect_exit.py',
                   'check_help_table.py']
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
# LibTorch programs (torch/): `%torchcxx -c %s -o %t.o` compiles against the
# precompiled <torch/torch.h>; `%torchlink %t.o -o %t` links plainly (checked
# with `env %torch_preload %t`); `%torchlink_checked` links against the
# checker the way aliasguard::torch_checked does (before LibTorch).
if config.ag_torch_lib:
    torch_libs = '-ltorch -ltorch_cpu -lc10 -pthread'
    lib_dir = os.path.dirname(config.ag_torch_lib)
    config.substitutions += [
        ('%torchcxx', '%s -std=c++17 -g -O0 -I%s -include-pch %s' % (
            config.ag_torch_cxx, config.ag_torch_include, config.ag_torch_pch)),
        ('%torchlink_checked', '%s -Wl,--push-state,--no-as-needed %s -Wl,--pop-state %s '
         '-Wl,-rpath,%s' % (config.ag_torch_cxx, config.ag_torch_lib, torch_libs, lib_dir)),
        ('%torchlink_after', '%s %s -Wl,--push-state,--no-as-needed %s -Wl,--pop-state '
         '-Wl,-rpath,%s' % (config.ag_torch_cxx, torch_libs, config.ag_torch_lib, lib_dir)),
        ('%torchlink', '%s %s' % (config.ag_torch_cxx, torch_libs)),
        ('%torch_preload', 'LD_PRELOAD=' + config.ag_torch_lib),
    ]
    config.available_features.add('torch')

# Each test sets the options it checks; none leaks in from the caller.
for var in ['AG_ALIAS_OPTIONS', 'AG_SYMBOLIZER_PATH', 'AG_NUM_THREADS', 'LD_PRELOAD']:
    config.environment.pop(var, None)
if 'PATH' in os.environ:
    config.environment['PATH'] = os.environ['PATH']
